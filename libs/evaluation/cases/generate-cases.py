"""Generates evaluation-cases.v1.json.

Expected hashes and buckets are derived here, independently of the TypeScript engine, with Python's `mmh3`
(MurmurHash3 x86 32-bit, seed 0, over the UTF-8 bytes): `pip install mmh3 && python3 generate-cases.py`.
Bucketing rules re-implemented below from the documented design:
  bucket(salt, unit)  = mmh3("<salt>:<unit>") mod 10000
  in rollout p %      : bucket(salt, unit) < round(p * 100)
  variant             : first variant whose cumulative weight (basis points) exceeds bucket("<salt>:variant", unit)
  experiment rules    : salt = experiment key; layer bucket = bucket(layer key, unit) must lie in [start, end)
  holdout             : bucket(holdout salt, unit) < round(percentage * 100) -> off variant, reason DEFAULT
  rule hashAttribute  : the attribute's value replaces the unit in the hashes above; missing -> the rule is skipped
Peer hashing (peer_hashing.py) re-implements unleash-client and @growthbook/growthbook from their published formulas.
"""
import json
import os

import mmh3

from operator_cases import OPERATOR_CASES
from peer_hashing import peer_hash_vectors, peer_suites


def murmur(s):
    return mmh3.hash(s.encode("utf-8"), 0, signed=False)


def bucket(salt, unit):
    return murmur(f"{salt}:{unit}") % 10000


def pick(salt, unit, weights):
    b = bucket(f"{salt}:variant", unit)
    end = 0
    for variant, weight in weights:
        end += weight
        if b < end:
            return variant
    raise AssertionError("weights must sum to 10000")


BOOL_VARIANTS = [{"key": "on", "value": True}, {"key": "off", "value": False}]
ABC_VARIANTS = [{"key": "control", "value": "control"}, {"key": "a", "value": "blue"}, {"key": "b", "value": "green"}]


def flag(key, rules=None, **extra):
    f = {"key": key, "valueType": "boolean", "variants": BOOL_VARIANTS, "offVariant": "off", "enabled": True, "salt": f"{key}-salt", "rules": rules or []}
    f.update(extra)
    return f


def on_rule(rule_id, conditions=None, rollout=100):
    return {"id": rule_id, "conditions": conditions or [], "rollout": rollout, "weights": [{"variant": "on", "weight": 10000}]}


def case(name, flag_key, expected, unit="user-1", attributes=None):
    return {"name": name, "flag": flag_key, "unit": unit, "attributes": attributes or {}, "expected": expected}


ON_MATCH = lambda rule_id: {"variant": "on", "value": True, "reason": "TARGETING_MATCH", "ruleId": rule_id}
OFF_DEFAULT = {"variant": "off", "value": False, "reason": "DEFAULT"}
UNITS = [f"unit-{i}" for i in range(12)] + ["ユーザー-7", "josé", "😀-42"]


def hash_vectors():
    inputs = ["", "a", "ab", "abc", "abcd", "hello", "hello, world", "héllo", "日本", "😀", "straße",
              "flag-salt:user-1", "exp-checkout:variant:user-42", "Ελληνικά:μονάδα"]
    vectors = [{"input": s, "murmur3": murmur(s)} for s in inputs]
    assert vectors[5]["murmur3"] == 613153351  # published vector for "hello", seed 0
    buckets = [{"salt": salt, "unit": unit, "bucket": bucket(salt, unit)}
               for salt, unit in [("new-checkout", "user-1"), ("new-checkout", "user-2"), ("ramp-salt", "ユーザー-7"), ("s", "😀-42"), ("layer-x", "12345")]]
    return vectors, buckets


def operator_suite():
    flags, cases = [], []
    for i, (name, condition, attributes, holds) in enumerate(OPERATOR_CASES):
        key = f"op-{i}"
        flags.append(flag(key, [on_rule("match", [condition])]))
        cases.append(case(f"{condition['operator']}: {name}", key, ON_MATCH("match") if holds else OFF_DEFAULT, attributes=attributes))
    return {"name": "condition operators", "ruleset": {"version": 1, "flags": flags}, "cases": cases}


def ramp_suites():
    suites = []
    for rollout in (10, 12.34, 50, 100):
        f = flag("ramp", [on_rule("ramp", rollout=rollout)])
        cases = []
        for unit in UNITS:
            inside = bucket("ramp-salt", unit) < round(rollout * 100)
            expected = {"variant": "on", "reason": "TARGETING_MATCH" if rollout == 100 else "SPLIT", "ruleId": "ramp"} if inside else OFF_DEFAULT
            cases.append(case(f"ramp {rollout}%: {unit} bucket {bucket('ramp-salt', unit)}", "ramp", expected, unit=unit))
        suites.append({"name": f"rollout ramp at {rollout}%", "ruleset": {"version": 1, "flags": [f]}, "cases": cases})
    return suites


def split_suite():
    weights = [("control", 3333), ("a", 3333), ("b", 3334)]
    f = {"key": "color", "valueType": "string", "variants": ABC_VARIANTS, "offVariant": "control", "enabled": True, "salt": "color-salt",
         "rules": [{"id": "split", "weights": [{"variant": v, "weight": w} for v, w in weights]}]}
    values = {v["key"]: v["value"] for v in ABC_VARIANTS}
    cases = []
    for unit in UNITS:
        v = pick("color-salt", unit, weights)
        cases.append(case(f"three-way split: {unit}", "color", {"variant": v, "value": values[v], "reason": "SPLIT", "ruleId": "split"}, unit=unit))
    return {"name": "weighted variants", "ruleset": {"version": 1, "flags": [f]}, "cases": cases}


def experiment(key, flag_key, layer, **extra):
    e = {"key": key, "flagKey": flag_key, "variants": [{"key": "off", "weight": 5000, "control": True}, {"key": "on", "weight": 5000}],
         "layer": layer, "primaryMetric": "conversion", "status": "running", "rolloutPercentage": 100}
    e.update(extra)
    return e


def layer_suite():
    exps = [
        experiment("exp-left", "left", {"key": "checkout", "start": 0, "end": 4000}),
        experiment("exp-right", "right", {"key": "checkout", "start": 4000, "end": 10000}),
        experiment("exp-staged", "staged", {"key": "pricing", "start": 0, "end": 10000}, rolloutPercentage=None, currentStageIndex=2),
        experiment("exp-device", "device", {"key": "devices", "start": 0, "end": 10000}, unitAttribute="deviceId"),
    ]
    for e in exps:
        if e.get("rolloutPercentage") is None:
            e.pop("rolloutPercentage", None)
    flags = [flag(e["flagKey"], [{"id": "exp", "experimentKey": e["key"]}]) for e in exps]
    cases = []
    for unit in UNITS:
        lb = bucket("checkout", unit)
        for e in exps[:2]:
            inside = e["layer"]["start"] <= lb < e["layer"]["end"]
            v = pick(e["key"], unit, [("off", 5000), ("on", 5000)])
            exp = {"variant": v, "reason": "SPLIT", "ruleId": "exp", "experiment": {"key": e["key"], "variant": v, "inExperiment": True}}
            cases.append(case(f"layer checkout bucket {lb}: {e['key']} for {unit}", e["flagKey"], exp if inside else OFF_DEFAULT, unit=unit))
        inside = bucket("exp-staged", unit) < 1000  # stage index 2 of [1,5,10,...] = 10 %
        v = pick("exp-staged", unit, [("off", 5000), ("on", 5000)])
        exp = {"variant": v, "reason": "SPLIT", "ruleId": "exp", "experiment": {"key": "exp-staged", "variant": v, "inExperiment": True}}
        cases.append(case(f"stage 10%: exp-staged for {unit}", "staged", exp if inside else OFF_DEFAULT, unit=unit))
    for device in ["dev-a", "dev-b", "dev-c"]:
        v = pick("exp-device", device, [("off", 5000), ("on", 5000)])
        exp = {"variant": v, "reason": "SPLIT", "ruleId": "exp", "experiment": {"key": "exp-device", "variant": v, "inExperiment": True}}
        cases.append(case(f"unit attribute deviceId={device} decides, not the unit", "device", exp, unit="ignored-user", attributes={"deviceId": device}))
    cases.append(case("missing unit attribute skips the experiment rule", "device", OFF_DEFAULT, unit="user-1"))
    return {"name": "experiments and layers", "ruleset": {"version": 1, "flags": flags, "experiments": exps}, "cases": cases}


def holdout_suite():
    holdout = {"key": "global-holdout", "salt": "holdout-2024", "percentage": 10}
    scoped = {"key": "scoped-holdout", "salt": "scoped", "percentage": 50, "flagKeys": ["scoped"]}
    flags = [flag("everyone", [on_rule("all")]), flag("scoped", [on_rule("all")], salt="scoped-flag")]
    cases = []
    for unit in UNITS:
        held = bucket("holdout-2024", unit) < 1000
        expected = {"variant": "off", "reason": "DEFAULT", "holdout": "global-holdout"} if held else ON_MATCH("all")
        cases.append(case(f"10% holdout bucket {bucket('holdout-2024', unit)}: {unit}", "everyone", expected, unit=unit))
    for unit in UNITS[:6]:
        if bucket("holdout-2024", unit) < 1000:
            expected = {"variant": "off", "reason": "DEFAULT", "holdout": "global-holdout"}
        elif bucket("scoped", unit) < 5000:
            expected = {"variant": "off", "reason": "DEFAULT", "holdout": "scoped-holdout"}
        else:
            expected = ON_MATCH("all")
        cases.append(case(f"scoped 50% holdout: {unit}", "scoped", expected, unit=unit))
    return {"name": "holdouts", "ruleset": {"version": 1, "flags": flags, "holdouts": [holdout, scoped]}, "cases": cases}


def hand_written_suites():
    us = {"attribute": "country", "operator": "eq", "values": ["US"]}
    prereq = {"name": "prerequisites", "ruleset": {"version": 1, "flags": [
        flag("parent", [on_rule("us", [us])]),
        flag("child", [on_rule("all")], prerequisites=[{"flagKey": "parent", "variants": ["on"]}]),
        flag("grandchild", [on_rule("all")], prerequisites=[{"flagKey": "child", "variants": ["on"]}]),
        flag("off-parent", [on_rule("all")], enabled=False),
        flag("needs-off-parent", [on_rule("all")], prerequisites=[{"flagKey": "off-parent", "variants": ["on"]}]),
        flag("needs-off-variant", [on_rule("all")], prerequisites=[{"flagKey": "off-parent", "variants": ["off"]}]),
        flag("cycle-a", [on_rule("all")], prerequisites=[{"flagKey": "cycle-b", "variants": ["on"]}]),
        flag("cycle-b", [on_rule("all")], prerequisites=[{"flagKey": "cycle-a", "variants": ["on"]}]),
        flag("needs-cycle", [on_rule("all")], prerequisites=[{"flagKey": "cycle-a", "variants": ["on"]}]),
        flag("needs-ghost", [on_rule("all")], prerequisites=[{"flagKey": "ghost", "variants": ["on"]}]),
    ]}, "cases": [
        case("prerequisite met serves the rules", "child", ON_MATCH("all"), attributes={"country": "US"}),
        case("prerequisite not met serves the off variant", "child", OFF_DEFAULT, attributes={"country": "FR"}),
        case("transitive prerequisite met", "grandchild", ON_MATCH("all"), attributes={"country": "US"}),
        case("transitive prerequisite not met", "grandchild", OFF_DEFAULT, attributes={}),
        case("disabled prerequisite serves off so the dependent is off", "needs-off-parent", OFF_DEFAULT),
        case("a prerequisite may require the off variant", "needs-off-variant", ON_MATCH("all")),
        case("prerequisite cycle is an error, not a stack overflow", "cycle-a", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("other side of the cycle is an error too", "cycle-b", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("depending on a cycle is an error", "needs-cycle", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("missing prerequisite flag is an error", "needs-ghost", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
    ]}
    misc = {"name": "kill switch, overrides, rule order, segments, experiment lifecycle", "ruleset": {"version": 1,
        "segments": [
            {"key": "beta-testers", "conditions": [{"attribute": "plan", "operator": "eq", "values": ["beta"]}]},
            {"key": "eu", "conditions": [{"attribute": "country", "operator": "in", "values": ["FR", "DE", "ES"]}]},
            {"key": "eu-beta", "conditions": [{"attribute": "x", "operator": "inSegment", "values": ["eu"]}, {"attribute": "x", "operator": "inSegment", "values": ["beta-testers"]}]},
            {"key": "loop-a", "conditions": [{"attribute": "x", "operator": "inSegment", "values": ["loop-b"]}]},
            {"key": "loop-b", "conditions": [{"attribute": "x", "operator": "inSegment", "values": ["loop-a"]}]},
        ],
        "experiments": [
            experiment("exp-paused", "paused-exp", {"key": "l1", "start": 0, "end": 10000}, status="paused"),
            experiment("exp-draft", "draft-exp", {"key": "l1", "start": 0, "end": 10000}, status="draft"),
            experiment("exp-done", "concluded-exp", {"key": "l1", "start": 0, "end": 10000}, status="concluded", winner="on"),
            experiment("exp-other", "someone-else", {"key": "l9", "start": 0, "end": 10000}),
        ],
        "flags": [
            flag("killed", [on_rule("all")], enabled=False, overrides={"qa-1": "on"}),
            flag("forced", [on_rule("us", [us])], overrides={"qa-1": "on", "qa-2": "off"}),
            flag("ordered", [on_rule("us", [us]), {"id": "everyone", "weights": [{"variant": "off", "weight": 10000}]}]),
            flag("fallthrough", [on_rule("none", rollout=0), {"id": "second", "weights": [{"variant": "on", "weight": 10000}]}]),
            flag("segmented", [on_rule("eu-beta", [{"attribute": "x", "operator": "inSegment", "values": ["eu-beta"]}])]),
            flag("any-segment", [on_rule("any", [{"attribute": "x", "operator": "inSegment", "values": ["eu", "beta-testers"]}])]),
            flag("not-segment", [on_rule("not-eu", [{"attribute": "x", "operator": "inSegment", "values": ["eu"], "negate": True}])]),
            flag("ghost-segment", [on_rule("ghost", [{"attribute": "x", "operator": "inSegment", "values": ["ghost"]}])]),
            flag("looping-segment", [on_rule("loop", [{"attribute": "x", "operator": "inSegment", "values": ["loop-a"]}])]),
            flag("paused-exp", [{"id": "exp", "experimentKey": "exp-paused"}, on_rule("after")]),
            flag("draft-exp", [{"id": "exp", "experimentKey": "exp-draft"}]),
            flag("concluded-exp", [{"id": "exp", "experimentKey": "exp-done"}]),
            flag("wrong-exp", [{"id": "exp", "experimentKey": "exp-other"}]),
            flag("missing-exp", [{"id": "exp", "experimentKey": "exp-nowhere"}]),
            {"key": "config", "valueType": "json", "variants": [{"key": "small", "value": {"limit": 10, "tags": ["a"]}}, {"key": "big", "value": {"limit": 100, "tags": []}}],
             "offVariant": "small", "enabled": True, "salt": "config", "rules": [{"id": "pro", "conditions": [{"attribute": "plan", "operator": "eq", "values": ["pro"]}], "weights": [{"variant": "big", "weight": 10000}]}]},
        ]}, "cases": [
        case("disabled flag serves the off variant", "killed", {"variant": "off", "value": False, "reason": "DISABLED"}),
        case("kill switch beats a forced override", "killed", {"variant": "off", "reason": "DISABLED"}, unit="qa-1"),
        case("forced override wins over rules", "forced", {"variant": "on", "reason": "TARGETING_MATCH"}, unit="qa-1"),
        case("forced override can force off for a matching unit", "forced", {"variant": "off", "reason": "TARGETING_MATCH"}, unit="qa-2", attributes={"country": "US"}),
        case("unlisted unit follows rules", "forced", ON_MATCH("us"), unit="someone", attributes={"country": "US"}),
        case("first matching rule wins", "ordered", ON_MATCH("us"), attributes={"country": "US"}),
        case("later rule serves the rest", "ordered", {"variant": "off", "reason": "TARGETING_MATCH", "ruleId": "everyone"}, attributes={"country": "FR"}),
        case("zero rollout falls through to the next rule", "fallthrough", ON_MATCH("second")),
        case("nested segments all hold", "segmented", ON_MATCH("eu-beta"), attributes={"country": "FR", "plan": "beta"}),
        case("nested segments one fails", "segmented", OFF_DEFAULT, attributes={"country": "FR", "plan": "pro"}),
        case("inSegment with several segments matches any", "any-segment", ON_MATCH("any"), attributes={"plan": "beta"}),
        case("inSegment with several segments none match", "any-segment", OFF_DEFAULT, attributes={"country": "US"}),
        case("negated inSegment", "not-segment", ON_MATCH("not-eu"), attributes={"country": "US"}),
        case("negated inSegment for a member", "not-segment", OFF_DEFAULT, attributes={"country": "DE"}),
        case("missing segment is an error", "ghost-segment", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("segment cycle is an error", "looping-segment", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("paused experiment enrols nobody; later rules apply", "paused-exp", ON_MATCH("after")),
        case("draft experiment enrols nobody", "draft-exp", OFF_DEFAULT),
        case("concluded experiment serves the winner, not as an enrolment", "concluded-exp",
             {"variant": "on", "reason": "TARGETING_MATCH", "ruleId": "exp", "experiment": {"key": "exp-done", "variant": "on", "inExperiment": False}}),
        case("experiment driving another flag is an error", "wrong-exp", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("missing experiment is an error", "missing-exp", {"variant": None, "reason": "ERROR", "errorCode": "GENERAL"}),
        case("unknown flag", "no-such-flag", {"variant": None, "value": None, "reason": "ERROR", "errorCode": "FLAG_NOT_FOUND"}),
        case("json value served whole", "config", {"variant": "big", "value": {"limit": 100, "tags": []}, "reason": "TARGETING_MATCH", "ruleId": "pro"}, attributes={"plan": "pro"}),
        case("json off variant", "config", {"variant": "small", "value": {"limit": 10, "tags": ["a"]}, "reason": "DEFAULT"}),
    ]}
    return [prereq, misc]


def hash_attribute_suite():
    weights = [("control", 5000), ("a", 5000)]
    f = {"key": "by-account", "valueType": "string", "variants": ABC_VARIANTS, "offVariant": "control", "enabled": True, "salt": "acct",
         "rules": [{"id": "accounts", "hashAttribute": "accountId", "rollout": 50, "weights": [{"variant": v, "weight": w} for v, w in weights]},
                   {"id": "rest", "weights": [{"variant": "b", "weight": 10000}]}]}
    g = {"key": "own-salt", "valueType": "boolean", "variants": BOOL_VARIANTS, "offVariant": "off", "enabled": True, "salt": "flag-salt",
         "rules": [{"id": "r", "salt": "rule-salt", "rollout": 60, "weights": [{"variant": "on", "weight": 10000}]}]}
    h = {"key": "all-devices", "valueType": "boolean", "variants": BOOL_VARIANTS, "offVariant": "off", "enabled": True, "salt": "d",
         "rules": [{"id": "devices", "hashAttribute": "deviceId", "weights": [{"variant": "on", "weight": 10000}]}]}
    values = {v["key"]: v["value"] for v in ABC_VARIANTS}
    cases = []
    for account in ["acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6", "ünïcode", "42"]:
        for unit in ["user-a", "user-b"]:
            if bucket("acct", account) < 5000:
                v = pick("acct", account, weights)
                expected = {"variant": v, "value": values[v], "reason": "SPLIT", "ruleId": "accounts"}
            else:
                expected = {"variant": "b", "value": "green", "reason": "TARGETING_MATCH", "ruleId": "rest"}
            cases.append(case(f"account {account} decides for {unit} (bucket {bucket('acct', account)})", "by-account", expected, unit=unit, attributes={"accountId": account}))
    cases.append(case("number hash attribute hashes its decimal text", "by-account",
                      {"variant": pick("acct", "42", weights), "reason": "SPLIT", "ruleId": "accounts"} if bucket("acct", "42") < 5000 else
                      {"variant": "b", "reason": "TARGETING_MATCH", "ruleId": "rest"}, attributes={"accountId": 42}))
    for bad in [None, "", True]:
        cases.append(case(f"hash attribute {bad!r} skips the rule", "by-account", {"variant": "b", "value": "green", "reason": "TARGETING_MATCH", "ruleId": "rest"},
                          attributes={} if bad is None else {"accountId": bad}))
    for unit in UNITS:
        inside = bucket("rule-salt", unit) < 6000
        cases.append(case(f"rule salt decides, not the flag salt: {unit}", "own-salt", {"variant": "on", "reason": "SPLIT", "ruleId": "r"} if inside else OFF_DEFAULT, unit=unit))
    cases.append(case("a 100% rule with a hash attribute serves units that have it", "all-devices", {"variant": "on", "reason": "TARGETING_MATCH", "ruleId": "devices"}, attributes={"deviceId": "d1"}))
    cases.append(case("a 100% rule with a hash attribute skips units without it", "all-devices", OFF_DEFAULT))
    return {"name": "hash attribute and salt per rule", "ruleset": {"version": 1, "flags": [f, g, h]}, "cases": cases}


def missing_unit_suite():
    flags = [
        flag("targeting-only", [on_rule("pro", [{"attribute": "plan", "operator": "eq", "values": ["pro"]}])]),
        flag("rollout", [on_rule("half", rollout=50)]),
        flag("by-device", [{"id": "dev", "hashAttribute": "deviceId", "rollout": 100, "weights": [{"variant": "on", "weight": 5000}, {"variant": "off", "weight": 5000}]}]),
        flag("overridden", [on_rule("all")], overrides={"qa-1": "off"}),
        flag("held-out", [on_rule("all")]),
    ]
    holdout = {"key": "scoped", "salt": "scoped", "percentage": 10, "flagKeys": ["held-out"]}
    missing = {"variant": None, "value": None, "reason": "ERROR", "errorCode": "TARGETING_KEY_MISSING"}
    device_variant = pick("d", "dev-9", [("on", 5000), ("off", 5000)])
    cases = [
        case("no unit: a flag that buckets nothing evaluates", "targeting-only", ON_MATCH("pro"), unit=None, attributes={"plan": "pro"}),
        case("no unit: off when no rule matches", "targeting-only", OFF_DEFAULT, unit=None, attributes={"plan": "free"}),
        case("no unit: a partial rollout needs the unit", "rollout", missing, unit=None),
        case("no unit: a rule hashing an attribute does not need the unit", "by-device",
             {"variant": device_variant, "reason": "SPLIT", "ruleId": "dev"}, unit=None, attributes={"deviceId": "dev-9"}),
        case("no unit: overrides do not apply, rules do", "overridden", ON_MATCH("all"), unit=None),
        case("no unit: a holdout needs the unit", "held-out", missing, unit=None),
    ]
    f = flags[2]
    f["salt"] = "d"
    return {"name": "evaluation without a unit (OpenFeature targetingKey absent)", "ruleset": {"version": 1, "flags": flags, "holdouts": [holdout]}, "cases": cases}


def main():
    vectors, buckets = hash_vectors()
    murmur_code_units, fnv = peer_hash_vectors()
    suites = [operator_suite(), split_suite(), *ramp_suites(), layer_suite(), holdout_suite(), *hand_written_suites(),
              hash_attribute_suite(), missing_unit_suite(), *peer_suites(UNITS)]
    document = {
        "version": 1,
        "description": "Evaluation engine cases. Generated by generate-cases.py; hashes and buckets derived with Python mmh3.",
        "hashVectors": vectors,
        "bucketVectors": buckets,
        "murmur3CodeUnitVectors": murmur_code_units,
        "fnv1aVectors": fnv,
        "suites": suites,
    }
    total = len(vectors) + len(buckets) + len(murmur_code_units) + len(fnv) + sum(len(s["cases"]) for s in suites)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "evaluation-cases.v1.json")
    with open(path, "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False, indent=1)
        out.write("\n")
    print(f"wrote {total} cases to {path}")


if __name__ == "__main__":
    main()
