/**
 * Strata's SQL planner on Apache Calcite.
 *
 * <p>Flow of a SELECT: Druid MySQL AST → {@link io.strata.optimizer.calcite.DruidTranslator}
 * (Calcite SqlNodes, MySQL functions as {@link io.strata.optimizer.calcite.MysqlSqlFunction}s,
 * parameters as typed dynamic parameters) → validation against a schema built from the
 * catalog snapshot ({@link io.strata.optimizer.calcite.StrataTable}, MySQL conformance,
 * case-insensitive names, {@link io.strata.optimizer.calcite.MysqlTypeSystem},
 * {@link io.strata.optimizer.calcite.MysqlTypeCoercion}) → relational algebra → sub-query
 * removal, decorrelation, filter pushdown into {@link io.strata.optimizer.calcite.StrataTableScan}
 * ({@link io.strata.optimizer.calcite.PushDownRule}, {@link io.strata.optimizer.calcite.SortByHandleRule})
 * → Volcano into the Enumerable convention → Janino-compiled {@code Bindable}, cached by
 * {@link io.strata.optimizer.calcite.CalciteQueryPlanner}.
 *
 * <p>Values: generated code works on Calcite's internal representation; the engine's Java
 * values (see {@code TypeKind}) are converted at the edges by
 * {@link io.strata.optimizer.calcite.InternalValues}. MySQL function bodies live in
 * {@code io.strata.optimizer.func} and see engine values only.
 */
package io.strata.optimizer.calcite;
