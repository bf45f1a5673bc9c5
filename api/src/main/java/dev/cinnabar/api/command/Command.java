package dev.cinnabar.api.command;

import dev.cinnabar.api.reply.ReplySink;

/**
 * A command implementation. Called on the executor thread after the kernel has checked the
 * arity, authentication and flags declared for it. It writes exactly one reply to {@code reply}
 * (or throws {@link CommandException}, which becomes one error reply).
 */
@FunctionalInterface
public interface Command {

    void execute(CommandContext ctx, Arguments args, ReplySink reply);
}
