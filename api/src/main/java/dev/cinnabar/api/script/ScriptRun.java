package dev.cinnabar.api.script;

import dev.cinnabar.api.reply.ReplySink;

import java.util.List;

/** One call of a compiled script, as the command that runs it describes it to the engine. */
public interface ScriptRun {

    /** The key names ({@code KEYS}); binary-safe. */
    List<byte[]> keys();

    /** The other arguments ({@code ARGV}); binary-safe. */
    List<byte[]> args();

    /** How the script appears in error messages: the SHA1 of an EVAL body, or a function name. */
    String name();

    /** Redis commands, logging and the kill signal. */
    ScriptHost host();

    /** The caller's reply; its {@link ReplySink#protocol()} is the caller's protocol. */
    ReplySink reply();
}
