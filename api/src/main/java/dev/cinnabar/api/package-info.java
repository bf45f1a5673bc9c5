/**
 * Root of the Cinnabar plugin API.
 *
 * <p>The API is versioned with {@link dev.cinnabar.api.ApiVersion} (semantic versioning):
 * <ul>
 *   <li><b>major</b> changes break plugins: a plugin whose {@code plugin.requires} does not accept
 *       the server's major version is refused at load time with a message naming both versions;</li>
 *   <li><b>minor</b> changes add types or default methods; plugins built for an older minor keep
 *       working;</li>
 *   <li><b>patch</b> changes are documentation and fixes only.</li>
 * </ul>
 *
 * <p>Packages: {@link dev.cinnabar.api.command} (the command SPI), {@link dev.cinnabar.api.reply}
 * (streamed replies), {@link dev.cinnabar.api.keyspace} (databases and values),
 * {@link dev.cinnabar.api.config} (configuration parameters and INFO contributions).
 */
package dev.cinnabar.api;
