package io.strata.optimizer.exec;

/** A stored row: its handle and its values in {@code TableDef.columns()} order (defaults filled in). */
public record Row(long handle, Object[] values) {
}
