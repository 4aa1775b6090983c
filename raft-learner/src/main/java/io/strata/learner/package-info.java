/**
 * Learner peers that apply the region Raft log into the column store. Not built yet: see this
 * module's README.
 */
package io.strata.learner;
