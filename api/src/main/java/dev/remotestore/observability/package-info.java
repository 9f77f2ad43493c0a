/**
 * The interception point of every {@link dev.remotestore.Store} operation (ADR 0031):
 * {@link dev.remotestore.observability.OperationListener}s see each operation start and end, with
 * its bytes, duration and outcome. Metrics (remote-store-micrometer), traces
 * (remote-store-opentelemetry) and operation logs plug in here; so can a user's own listener.
 * With no listener registered a store does no work for it.
 */
package dev.remotestore.observability;
