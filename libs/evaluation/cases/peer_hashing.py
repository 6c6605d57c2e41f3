"""Peer-compatible bucketing cases (`hashing: "unleash" | "growthbook-v1" | "growthbook-v2"`), derived here from the
peers' published formulas, independently of the TypeScript engine:
  unleash-client : murmurhash3js x86 32 over the low byte of each UTF-16 code unit of "<groupId>:<unit>";
                   rollout in iff hash(seed 0) % 100 + 1 <= rollout; variant = first whose running weight total
                   (out of 1000) reaches hash(seed 86028157) % 1000 + 1.
  growthbook     : FNV-1a 32 over UTF-16 code units; v1 n = fnv(unit + seed) % 1000 / 1000,
                   v2 n = fnv(str(fnv(seed + unit))) % 10000 / 10000; force rule in iff coverage > 0 and n <= coverage;
                   experiment: ranges [start, start + coverage * w) with cumulative float starts, n in a range.
"""
import mmh3


def code_unit_low_bytes(s):
    return bytes(s.encode("utf-16-le")[0::2])


def murmur_code_units(s, seed):
    return mmh3.hash(code_unit_low_bytes(s), seed, signed=False)


def fnv1a32(s):
    h = 0x811C9DC5
    data = s.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def gb_hash(seed, value, version):
    if version == 2:
        return (fnv1a32(str(fnv1a32(seed + value))) % 10000) / 10000
    return (fnv1a32(value + seed) % 1000) / 1000


BOOL = [{"key": "on", "value": True}, {"key": "off", "value": False}]
ABC = [{"key": "a", "value": "a"}, {"key": "b", "value": "b"}, {"key": "c", "value": "c"}, {"key": "off", "value": "off"}]


def case(name, flag_key, expected, unit):
    return {"name": name, "flag": flag_key, "unit": unit, "attributes": {}, "expected": expected}


def unleash_suite(units):
    rollout = {"key": "u-rollout", "valueType": "boolean", "variants": BOOL, "offVariant": "off", "enabled": True, "salt": "u-rollout",
               "hashing": "unleash", "rules": [{"id": "flexible", "rollout": 37, "weights": [{"variant": "on", "weight": 10000}]}]}
    unleash_weights = [("a", 333), ("b", 333), ("c", 334)]
    split = {"key": "u-split", "valueType": "string", "variants": ABC, "offVariant": "off", "enabled": True, "salt": "group-7",
             "hashing": "unleash", "rules": [{"id": "strategy", "rollout": 60, "variantSalt": "u-split",
                                              "weights": [{"variant": v, "weight": w * 10} for v, w in unleash_weights]}]}
    cases = []
    for unit in units:
        n = murmur_code_units(f"u-rollout:{unit}", 0) % 100 + 1
        expected = {"variant": "on", "reason": "SPLIT", "ruleId": "flexible"} if n <= 37 else {"variant": "off", "reason": "DEFAULT"}
        cases.append(case(f"unleash rollout 37%: {unit} normalised {n}", "u-rollout", expected, unit))
        n = murmur_code_units(f"group-7:{unit}", 0) % 100 + 1
        if n > 60:
            expected = {"variant": "off", "reason": "DEFAULT"}
        else:
            target = murmur_code_units(f"u-split:{unit}", 86028157) % 1000 + 1
            counter = 0
            for v, w in unleash_weights:
                counter += w
                if counter >= target:
                    break
            expected = {"variant": v, "value": v, "reason": "SPLIT", "ruleId": "strategy"}
        cases.append(case(f"unleash variants 333/333/334 behind 60% of group-7: {unit}", "u-split", expected, unit))
    return {"name": "unleash hashing", "ruleset": {"version": 1, "flags": [rollout, split]}, "cases": cases}


def gb_ranges(weights, coverage):
    cumulative, ranges = 0.0, []
    for w in weights:
        start = cumulative
        cumulative += w
        ranges.append((start, start + coverage * w))
    return ranges


def growthbook_suite(units, version):
    mode = f"growthbook-v{version}"
    force = {"key": f"gb{version}-force", "valueType": "boolean", "variants": BOOL, "offVariant": "off", "enabled": True, "salt": f"gb{version}-force",
             "hashing": mode, "rules": [{"id": "rollout", "rollout": 40, "weights": [{"variant": "on", "weight": 10000}]}]}
    weights = [("a", 0.3), ("b", 0.3), ("c", 0.4)]
    exp = {"key": f"gb{version}-exp", "valueType": "string", "variants": ABC, "offVariant": "off", "enabled": True, "salt": "feature",
           "hashing": mode, "rules": [{"id": "experiment", "salt": "exp-seed", "rollout": 80,
                                       "weights": [{"variant": v, "weight": round(w * 10000)} for v, w in weights]}]}
    ranges = gb_ranges([w for _, w in weights], 0.8)
    cases = []
    for unit in units:
        n = gb_hash(f"gb{version}-force", unit, version)
        expected = {"variant": "on", "reason": "SPLIT", "ruleId": "rollout"} if n <= 0.4 else {"variant": "off", "reason": "DEFAULT"}
        cases.append(case(f"{mode} coverage 0.4: {unit} n={n}", force["key"], expected, unit))
        n = gb_hash("exp-seed", unit, version)
        chosen = next((v for (v, _), (lo, hi) in zip(weights, ranges) if lo <= n < hi), None)
        expected = {"variant": chosen, "value": chosen, "reason": "SPLIT", "ruleId": "experiment"} if chosen else {"variant": "off", "reason": "DEFAULT"}
        cases.append(case(f"{mode} experiment 0.3/0.3/0.4 coverage 0.8: {unit} n={n}", exp["key"], expected, unit))
    return {"name": f"{mode} hashing", "ruleset": {"version": 1, "flags": [force, exp]}, "cases": cases}


def peer_suites(units):
    many = units + [f"user-{i}" for i in range(40)]
    return [unleash_suite(many), growthbook_suite(many, 1), growthbook_suite(many, 2)]


def peer_hash_vectors():
    inputs = ["", "a", "abc", "feature:user-1", "ユーザー", "josé", "😀-42"]
    murmur = [{"input": s, "seed": seed, "hash": murmur_code_units(s, seed)} for s in inputs for seed in (0, 86028157)]
    fnv = [{"input": s, "hash": fnv1a32(s)} for s in inputs]
    return murmur, fnv
