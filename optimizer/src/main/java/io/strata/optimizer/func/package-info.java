/**
 * MySQL's scalar functions and conversions over the engine's Java values, independent of
 * Calcite: {@link io.strata.optimizer.func.MysqlFunctions} (bodies by name),
 * {@link io.strata.optimizer.func.MysqlValues} (numeric/string coercion, comparison, truthiness),
 * {@link io.strata.optimizer.func.MysqlTemporals} (date parsing, formatting, intervals).
 */
package io.strata.optimizer.func;
