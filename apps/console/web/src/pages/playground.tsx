import { useState } from 'preact/hooks';
import { fieldErrors } from '../lib/api-error';
import { useSession } from '../session';
import { ErrorBanner, Field } from '../ui';

interface Evaluation { results: Record<string, { variant: string; value: unknown; reason: string; errorCode?: string; experiment?: { key: string; inExperiment: boolean } }>; rulesetVersion: number }

/** Enter a unit and attributes, see every flag's variant and why (assignment-service's evaluate). */
export function PlaygroundPage() {
  const { client, isAdmin } = useSession();
  const [unit, setUnit] = useState('user-1');
  const [attributes, setAttributes] = useState('{\n  "country": "NL"\n}');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<Evaluation>();
  const submit = async (event: Event) => {
    event.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(attributes || '{}');
    } catch (err) {
      setErrors({ attributes: `not valid JSON: ${(err as Error).message}` });
      return;
    }
    setErrors({});
    setError(undefined);
    try {
      setAnswer(await client.post<Evaluation>('assignment', '/v1/evaluate', { unit, attributes: parsed }));
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err);
    }
  };
  if (!isAdmin) return <main><h1>Evaluation playground</h1><p>Evaluating needs an admin key (assignment-service's sdk role).</p></main>;
  return (
    <main>
      <h1>Evaluation playground</h1>
      <p>Evaluates every flag for one unit, as an SDK would (exposures of experiments are logged as for any evaluation).</p>
      <form class="card" onSubmit={submit}>
        <Field id="pg-unit" label="Unit id" value={unit} onInput={setUnit} error={errors.unit} required />
        <Field id="pg-attributes" label="Attributes (JSON object)" multiline value={attributes} onInput={setAttributes} error={errors.attributes} />
        <ErrorBanner error={error} />
        <button type="submit">Evaluate</button>
      </form>
      {answer && (
        <table>
          <caption>ruleset version {answer.rulesetVersion}</caption>
          <thead><tr><th scope="col">flag</th><th scope="col">variant</th><th scope="col">value</th><th scope="col">reason</th><th scope="col">experiment</th></tr></thead>
          <tbody>
            {Object.entries(answer.results).map(([key, r]) => (
              <tr key={key}><td><a href={`/flags/${key}`}>{key}</a></td><td>{r.variant}</td><td><code>{JSON.stringify(r.value)}</code></td><td>{r.reason}{r.errorCode ? ` (${r.errorCode})` : ''}</td><td>{r.experiment ? `${r.experiment.key}${r.experiment.inExperiment ? ' (enrolled)' : ''}` : ''}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
