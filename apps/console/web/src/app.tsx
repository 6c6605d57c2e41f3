import { LocationProvider, Route, Router } from 'preact-iso';
import { SessionContext, SignIn, useSession, useStoredSession } from './session';
import { ExperimentNewPage } from './pages/experiment-new';
import { ExperimentPage } from './pages/experiment-page';
import { ExperimentsPage } from './pages/experiments-list';
import { FlagPage } from './pages/flag-page';
import { FlagsPage } from './pages/flags-list';
import { MetricsPage } from './pages/metrics-page';
import { PlaygroundPage } from './pages/playground';
import { RolloutPage } from './pages/rollout-page';
import { RolloutsPage } from './pages/rollouts-list';
import { SegmentsPage } from './pages/segments-page';

function Nav() {
  const session = useSession();
  return (
    <header class="top">
      <a class="brand" href="/">xp console</a>
      <nav aria-label="Main">
        <a href="/flags">Flags</a>
        <a href="/experiments">Experiments</a>
        <a href="/rollouts">Rollouts</a>
        <a href="/segments">Segments</a>
        <a href="/metrics">Metrics</a>
        {session.isAdmin && <a href="/playground">Playground</a>}
      </nav>
      <span class="who">signed in as <strong data-testid="role">{session.role}</strong></span>
      <button type="button" class="secondary" onClick={session.signOut}>Sign out</button>
    </header>
  );
}

function NotFound() {
  return <main><h1>Not found</h1><p>No page here. <a href="/flags">Back to the flags</a>.</p></main>;
}

export function App() {
  const [session, signIn] = useStoredSession();
  if (!session) return <SignIn onSignIn={signIn} />;
  return (
    <SessionContext.Provider value={session}>
      <LocationProvider>
        <Nav />
        <Router>
          <Route path="/" component={FlagsPage} />
          <Route path="/flags" component={FlagsPage} />
          <Route path="/flags/:key" component={FlagPage} />
          <Route path="/experiments" component={ExperimentsPage} />
          <Route path="/experiments/new" component={ExperimentNewPage} />
          <Route path="/experiments/:key" component={ExperimentPage} />
          <Route path="/rollouts" component={RolloutsPage} />
          <Route path="/rollouts/:key" component={RolloutPage} />
          <Route path="/segments" component={SegmentsPage} />
          <Route path="/metrics" component={MetricsPage} />
          <Route path="/playground" component={PlaygroundPage} />
          <Route default component={NotFound} />
        </Router>
      </LocationProvider>
    </SessionContext.Provider>
  );
}
