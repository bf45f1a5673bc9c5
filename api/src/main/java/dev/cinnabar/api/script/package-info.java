/**
 * The script engine SPI: what a language needs to run Redis scripts ({@code EVAL}) and
 * functions ({@code FCALL}) inside Cinnabar.
 *
 * <p>An engine is a plugin that {@code provides dev.cinnabar.api.script.ScriptEngine}; the server
 * finds it with {@code ServiceLoader} in the plugin's layer and offers it by name
 * ({@link dev.cinnabar.api.command.CommandContext#scriptEngine}). A script body that starts with
 * {@code #!<name>} runs on the engine of that name; a body without a shebang runs on {@code lua}.
 *
 * <p>The flow of one run: the command that owns scripts (EVAL, FCALL) compiles the body once on a
 * {@link dev.cinnabar.api.script.ScriptVm} and keeps the {@link dev.cinnabar.api.script.CompiledScript};
 * each call opens a {@link dev.cinnabar.api.script.ScriptHost} from its command context, runs the
 * compiled script with a {@link dev.cinnabar.api.script.ScriptRun} and closes the host. The engine
 * reaches the keyspace only through {@link dev.cinnabar.api.script.ScriptHost#call}, which applies
 * Redis's script checks, and writes its result straight to the caller's
 * {@link dev.cinnabar.api.reply.ReplySink}. Everything happens on the executor thread: an engine
 * must not start threads that touch data.
 */
package dev.cinnabar.api.script;
