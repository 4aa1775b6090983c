/**
 * The columnar engine's first layer: table rows in Arrow column batches ({@link
 * io.strata.columnstore.ColumnBatch}, built from Strata's row format, memory from one allocator
 * per {@link io.strata.columnstore.ColumnStore}) and vectorised scan kernels over them in
 * {@link io.strata.columnstore.kernel}. Delta/stable layers and MVCC visibility come next; see
 * this module's README.
 */
package io.strata.columnstore;
