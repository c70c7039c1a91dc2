package io.imgrid.gateway.http;

/** Whether this node can serve images now: a gateway is ready when it sees at least one worker. */
@FunctionalInterface
public interface ReadinessCheck {
  /** Always ready: standalone mode, where the worker is in the same JVM. */
  ReadinessCheck ALWAYS = () -> true;

  boolean ready();
}
