import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';

/** "View as of" a past time: sets `?at=` (config-service's time travel) on the current page. */
export function AsOf() {
  const { path, query, route } = useLocation();
  const [value, setValue] = useState(query.at ? query.at.slice(0, 19) : '');
  return (
    <form class="as-of" onSubmit={(e) => { e.preventDefault(); route(value ? `${path}?at=${encodeURIComponent(new Date(value).toISOString())}` : path); }}>
      <label for="as-of">View as of</label>
      <input id="as-of" type="datetime-local" step="1" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      <button type="submit" class="secondary">Show</button>
      {query.at && <><span role="status">Showing the state at {query.at} (read-only)</span> <a href={path}>back to now</a></>}
    </form>
  );
}
