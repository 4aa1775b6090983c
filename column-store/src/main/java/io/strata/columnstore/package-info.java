/**
 * The columnar engine (Arrow delta + stable layers with MVCC visibility). Not built yet: see this
 * module's README.
 */
package io.strata.columnstore;
