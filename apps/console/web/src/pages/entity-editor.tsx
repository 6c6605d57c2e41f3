import { useState } from 'preact/hooks';
import { fieldErrors } from '../lib/api-error';
import { useSession } from '../session';
import { ErrorBanner, Field } from '../ui';

/** Create or replace a segment or metric as JSON; the API's field messages are listed under the editor. */
export function EntityEditor(props: { kind: 'segments' | 'metrics'; initial: Record<string, unknown>; version?: number; onSaved: () => void; onCancel: () => void }) {
  const { client } = useSession();
  const key = props.initial.key;
  // The resource's version and archived mark are not fields of the entity: left out of what is edited.
  const fields = Object.fromEntries(Object.entries(props.initial).filter(([name]) => name !== 'version' && name !== 'archived'));
  const [text, setText] = useState(JSON.stringify(fields, null, 2));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const id = `${props.kind}-${props.version === undefined ? 'new' : String(key)}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text);
    } catch (err) {
      setErrors({ '': `not valid JSON: ${(err as Error).message}` });
      return;
    }
    setErrors({});
    setError(undefined);
    try {
      if (props.version === undefined) await client.post('config', `/v1/${props.kind}`, body);
      else await client.put('config', `/v1/${props.kind}/${String(key)}`, body, props.version);
      props.onSaved();
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err);
    }
  };
  const listed = Object.entries(errors).map(([path, message]) => (path ? `${path}: ${message}` : message)).join('; ');
  return (
    <form class="card" onSubmit={submit} aria-label={props.version === undefined ? `New ${props.kind.slice(0, -1)}` : `Edit ${String(key)}`}>
      <Field id={id} label={props.version === undefined ? `New ${props.kind.slice(0, -1)} (JSON)` : `${String(key)} (JSON)`} multiline value={text} onInput={setText} error={listed || undefined} />
      <ErrorBanner error={error} />
      <div class="actions">
        <button type="submit">{props.version === undefined ? 'Create' : 'Save'}</button>
        <button type="button" class="secondary" onClick={props.onCancel}>Cancel</button>
      </div>
    </form>
  );
}
