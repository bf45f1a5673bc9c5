/**
 * Configuration parameters a plugin adds ({@link dev.cinnabar.api.config.ConfigParameter}), read
 * access to all of them ({@link dev.cinnabar.api.config.ConfigView}), and INFO contributions
 * ({@link dev.cinnabar.api.config.InfoContributor}).
 */
package dev.cinnabar.api.config;
