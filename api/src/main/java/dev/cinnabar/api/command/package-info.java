/**
 * The command SPI. A plugin provides one or more {@link dev.cinnabar.api.command.CommandFamily}
 * services; at load time each registers its commands with a
 * {@link dev.cinnabar.api.command.CommandRegistrar}. At run time the kernel calls
 * {@link dev.cinnabar.api.command.Command#execute} on its single executor thread, after it has
 * checked arity, authentication and flags, with a {@link dev.cinnabar.api.command.CommandContext}
 * (databases, clock, client), the {@link dev.cinnabar.api.command.Arguments} and a
 * {@link dev.cinnabar.api.reply.ReplySink}.
 *
 * <h2>A minimal family</h2>
 * <pre>{@code
 * public final class HelloCommands implements CommandFamily {
 *     public String name() { return "hello"; }
 *     public void register(CommandRegistrar r) {
 *         r.command(CommandSpec.builder("hello.world").arity(-1).flags(CommandFlag.FAST)
 *                 .aclCategories("@fast").summary("Say hello").group("hello").since("1.0.0").build(),
 *             (ctx, args, reply) -> reply.bulk("hello " + (args.count() > 1 ? args.string(1) : "world")));
 *     }
 * }
 * // module-info.java:
 * // module my.hello { requires dev.cinnabar.api;
 * //     provides dev.cinnabar.api.command.CommandFamily with my.hello.HelloCommands; }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Commands run alone against the keyspace; they must not block, sleep or start threads
 *       that touch data.</li>
 *   <li>Errors: reply with {@link dev.cinnabar.api.reply.ReplySink#error} or throw
 *       {@link dev.cinnabar.api.command.CommandException}; texts are Redis's exact texts
 *       (see {@link dev.cinnabar.api.command.Errors}).</li>
 *   <li>Arguments are bytes; decode to {@code String} only for keywords and numbers.</li>
 * </ul>
 */
package dev.cinnabar.api.command;
