/**
 * The row store: Percolator transactions over MVCC data in RocksDB, organised so that regions can
 * later be replicated with Raft without changing the layers above.
 *
 * <pre>
 *   txn      PercolatorTransaction, TxnKvClient (io.strata.spi.kv.TxnKv), LockResolver,
 *            WaitForGraph, TxnHeartbeater           -- client side, talks to a KvBackend
 *   store    LocalStore: one region, group-commit apply loop, implements KvBackend
 *   region   RegionStateMachine: applies RegionCommands with the Percolator checks
 *   command  RegionCommand (+ RegionRequest) and its versioned binary codec: the Raft log payload
 *   mvcc     key layout (MvccKeys), Lock / Write records, MvccReader / MvccScanner
 *   engine   KvEngine with column families: RocksKvEngine and MemoryKvEngine
 * </pre>
 *
 * Typical use (the playground, tests of other modules, benchmarks):
 * <pre>{@code
 *   LocalTimestampOracle tso = LocalTimestampOracle.open(dataDir.resolve("pd"));
 *   try (LocalStore store = LocalStore.open(dataDir.resolve("store"), tso, StoreOptions.defaults())) {
 *       TxnKv kv = store.txnKv();
 *       try (Transaction t = kv.begin(TxnOptions.DEFAULT)) {
 *           t.put(key, value);
 *           t.commit();
 *       }
 *   }
 *   // or, without disk: LocalStore.inMemory(tso)
 * }</pre>
 */
package io.strata.rowstore;
