/**
 * Omron scoring: the {@link org.zkml4j.bridge.score.OmronReward} curve and update, a validator's
 * {@link org.zkml4j.bridge.score.ScoreBoard} and its atomically written
 * {@link org.zkml4j.bridge.score.ScoreFile}.
 */
package org.zkml4j.bridge.score;
