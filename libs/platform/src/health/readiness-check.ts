/** One dependency a service needs before it can serve: resolves when usable, throws otherwise. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

/** Injection token for the `ReadinessCheck[]` an app registers through PlatformModule.forRoot. */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
