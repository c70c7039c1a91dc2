package io.imgrid.gateway.metrics;

import io.imgrid.gateway.dispatch.WorkerSlots;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Where the gauges read their values at scrape time. libvips' trackers come from the worker
 * (standalone) and are zero on a gateway-only node; the grid gauges come from the cluster view.
 *
 * @param workers configured slots ({@code workers})
 * @param imagesInProgress jobs holding a slot ({@code images_in_progress})
 */
public record GaugeSources(
    DoubleSupplier workers,
    DoubleSupplier imagesInProgress,
    DoubleSupplier vipsMemoryBytes,
    DoubleSupplier vipsMaxMemoryBytes,
    DoubleSupplier vipsAllocs,
    DoubleSupplier gridWorkers,
    DoubleSupplier gridWorkerFreeSlots,
    DoubleSupplier clusterMembers) {

  private static final DoubleSupplier ZERO = () -> 0;

  public GaugeSources {
    Objects.requireNonNull(workers, "workers == null");
    Objects.requireNonNull(imagesInProgress, "imagesInProgress == null");
    Objects.requireNonNull(vipsMemoryBytes, "vipsMemoryBytes == null");
    Objects.requireNonNull(vipsMaxMemoryBytes, "vipsMaxMemoryBytes == null");
    Objects.requireNonNull(vipsAllocs, "vipsAllocs == null");
    Objects.requireNonNull(gridWorkers, "gridWorkers == null");
    Objects.requireNonNull(gridWorkerFreeSlots, "gridWorkerFreeSlots == null");
    Objects.requireNonNull(clusterMembers, "clusterMembers == null");
  }

  /** Slots from {@code slots}; libvips and grid gauges at zero until set with the withers. */
  public static GaugeSources of(WorkerSlots slots) {
    return new GaugeSources(
        slots::workers, slots::running, ZERO, ZERO, ZERO, ZERO, ZERO, () -> 1);
  }

  public GaugeSources withVips(
      DoubleSupplier memoryBytes, DoubleSupplier maxMemoryBytes, DoubleSupplier allocs) {
    return new GaugeSources(
        workers, imagesInProgress, memoryBytes, maxMemoryBytes, allocs, gridWorkers,
        gridWorkerFreeSlots, clusterMembers);
  }

  public GaugeSources withGrid(
      DoubleSupplier workerCount, DoubleSupplier freeSlots, DoubleSupplier members) {
    return new GaugeSources(
        workers, imagesInProgress, vipsMemoryBytes, vipsMaxMemoryBytes, vipsAllocs, workerCount,
        freeSlots, members);
  }
}
