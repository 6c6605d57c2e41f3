import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './lib/api-error';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  reload: () => void;
}

/** Loads with `load`, again when `deps` change, and every `intervalMs` when given (live pages). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], intervalMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown }>({});
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    load().then(
      (data) => mine === generation.current && setState({ data }),
      (error) => mine === generation.current && setState((s) => ({ data: s.data, error })),
    );
  }, deps);
  useEffect(() => {
    setState({});
    run();
    if (!intervalMs) return undefined;
    const timer = setInterval(run, intervalMs);
    return () => clearInterval(timer);
  }, [run, intervalMs]);
  return { ...state, reload: run };
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) return `${error.message} (${error.status} ${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

export function ErrorBanner({ error }: { error?: unknown }) {
  if (!error) return null;
  return <p class="error" role="alert">{describeError(error)}</p>;
}

export function Loading<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (state.data !== undefined) return <>{state.error ? <ErrorBanner error={state.error} /> : null}{children(state.data)}</>;
  if (state.error) return <ErrorBanner error={state.error} />;
  return <p aria-busy="true">Loading…</p>;
}

/** A button that asks first (a modal dialog naming the consequence), then runs `action`. */
export function ConfirmButton(props: { label: string; question: string; confirmLabel?: string; danger?: boolean; action: () => Promise<unknown>; onDone?: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.action();
      dialog.current?.close();
      props.onDone?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" class={props.danger ? 'danger' : undefined} onClick={() => dialog.current?.showModal()}>{props.label}</button>
      <dialog ref={dialog} aria-label={props.label}>
        <p>{props.question}</p>
        <ErrorBanner error={error} />
        <div class="actions">
          <button type="button" class={props.danger ? 'danger' : undefined} disabled={busy} onClick={confirm}>{props.confirmLabel ?? 'Confirm'}</button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>Cancel</button>
        </div>
      </dialog>
    </>
  );
}

/** A labelled input or textarea with the API's message for this field beside it. */
export function Field(props: { id: string; label: string; value: string; onInput: (value: string) => void; error?: string; multiline?: boolean; type?: string; hint?: string; required?: boolean }) {
  const describedBy = [props.error ? `${props.id}-error` : '', props.hint ? `${props.id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id: props.id, value: props.value, 'aria-invalid': props.error ? true : undefined, 'aria-describedby': describedBy, required: props.required };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={Math.min(14, Math.max(3, props.value.split('\n').length))} onInput={(e) => props.onInput(e.currentTarget.value)} />
      ) : (
        <input {...common} type={props.type ?? 'text'} onInput={(e) => props.onInput(e.currentTarget.value)} />
      )}
      {props.hint && <small id={`${props.id}-hint`}>{props.hint}</small>}
      {props.error && <span id={`${props.id}-error`} class="field-error" role="alert">{props.error}</span>}
    </div>
  );
}

export function Json({ value }: { value: unknown }) {
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function Badge({ children, tone }: { children: ComponentChildren; tone?: 'good' | 'bad' | 'warn' | 'neutral' }) {
  return <span class={`badge ${tone ?? 'neutral'}`}>{children}</span>;
}
