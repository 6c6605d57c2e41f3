import { useState } from 'preact/hooks';
import { errorsUnder, fieldErrors } from '../lib/api-error';
import type { Flag } from '../lib/types';
import { useSession } from '../session';
import { ErrorBanner, Field } from '../ui';

interface VariantDraft { key: string; value: string }

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/** `text` parsed as JSON, or the parse error as a field message. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
  }
}

/** All messages under a path prefix as one line (for the JSON-edited parts: rules, prerequisites, overrides). */
const joined = (errors: Record<string, string>, prefix: string) => {
  const under = errorsUnder(errors, prefix);
  const lines = Object.entries(under).map(([path, message]) => (path ? `${path}: ${message}` : message));
  return lines.length ? lines.join('; ') : undefined;
};

/** Create (no `flag`) or edit a flag; every message of the API's 400 is shown beside its field. */
export function FlagForm({ flag, onSaved, onCancel }: { flag?: Flag; onSaved: (flag: Flag) => void; onCancel: () => void }) {
  const { client } = useSession();
  const [key, setKey] = useState(flag?.key ?? '');
  const [description, setDescription] = useState(flag?.description ?? '');
  const [valueType, setValueType] = useState<Flag['valueType']>(flag?.valueType ?? 'boolean');
  const [variants, setVariants] = useState<VariantDraft[]>(flag?.variants.map((v) => ({ key: v.key, value: JSON.stringify(v.value) })) ?? [{ key: 'off', value: 'false' }, { key: 'on', value: 'true' }]);
  const [offVariant, setOffVariant] = useState(flag?.offVariant ?? 'off');
  const [rules, setRules] = useState(pretty(flag?.rules ?? []));
  const [prerequisites, setPrerequisites] = useState(pretty(flag?.prerequisites ?? []));
  const [overrides, setOverrides] = useState(pretty(flag?.overrides ?? {}));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const setVariant = (i: number, patch: Partial<VariantDraft>) => setVariants(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));

  const submit = async (event: Event) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    const parsed = <T,>(path: string, text: string): T | undefined => {
      const r = parseJson(text);
      if (r.ok) return r.value as T;
      local[path] = r.message;
      return undefined;
    };
    const body = {
      key,
      description,
      valueType,
      variants: variants.map((v, i) => ({ key: v.key, value: parsed(`variants.${i}.value`, v.value) })),
      offVariant,
      enabled: flag?.enabled ?? false,
      salt: flag?.salt ?? key,
      rules: parsed('rules', rules),
      prerequisites: parsed('prerequisites', prerequisites),
      overrides: parsed('overrides', overrides),
    };
    setErrors(local);
    setError(undefined);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const saved = flag ? await client.put<Flag>('config', `/v1/flags/${flag.key}`, body, flag.version) : await client.post<Flag>('config', '/v1/flags', body);
      onSaved(saved);
    } catch (err) {
      const byField = fieldErrors(err);
      setErrors(byField);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" onSubmit={submit} aria-label={flag ? `Edit flag ${flag.key}` : 'New flag'}>
      <h2>{flag ? `Edit ${flag.key}` : 'New flag'}</h2>
      {!flag && <Field id="flag-key" label="Key" value={key} onInput={setKey} error={errors.key} required hint="lower-case slug, e.g. checkout-button" />}
      <Field id="flag-description" label="Description" value={description} onInput={setDescription} error={errors.description} />
      <div class="field">
        <label for="flag-type">Value type</label>
        <select id="flag-type" value={valueType} onChange={(e) => setValueType(e.currentTarget.value as Flag['valueType'])}>
          <option>boolean</option><option>string</option><option>number</option><option>json</option>
        </select>
      </div>
      <fieldset>
        <legend>Variants (values as JSON)</legend>
        {variants.map((v, i) => (
          <div class="row" key={i}>
            <Field id={`variant-${i}-key`} label={`Variant ${i + 1} key`} value={v.key} onInput={(value) => setVariant(i, { key: value })} error={errors[`variants.${i}.key`]} />
            <Field id={`variant-${i}-value`} label={`Variant ${i + 1} value`} value={v.value} onInput={(value) => setVariant(i, { value })} error={errors[`variants.${i}.value`]} />
            {variants.length > 1 && <button type="button" class="secondary" onClick={() => setVariants(variants.filter((_, j) => j !== i))}>Remove variant {i + 1}</button>}
          </div>
        ))}
        {errors.variants && <span class="field-error" role="alert">{errors.variants}</span>}
        <button type="button" class="secondary" onClick={() => setVariants([...variants, { key: '', value: '' }])}>Add variant</button>
      </fieldset>
      <Field id="flag-off-variant" label="Off variant (served when off, or no rule matches)" value={offVariant} onInput={setOffVariant} error={errors.offVariant} />
      <Field id="flag-rules" label="Rules (JSON: id, conditions, rollout, weights or experimentKey)" multiline value={rules} onInput={setRules} error={joined(errors, 'rules')} />
      <Field id="flag-prerequisites" label="Prerequisites (JSON: flagKey, variants)" multiline value={prerequisites} onInput={setPrerequisites} error={joined(errors, 'prerequisites')} />
      <Field id="flag-overrides" label="Overrides (JSON: unit id -> variant)" multiline value={overrides} onInput={setOverrides} error={joined(errors, 'overrides')} />
      <ErrorBanner error={error} />
      <div class="actions">
        <button type="submit" disabled={busy}>{flag ? 'Save flag' : 'Create flag'}</button>
        <button type="button" class="secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
