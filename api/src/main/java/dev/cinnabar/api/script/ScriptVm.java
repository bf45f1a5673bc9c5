package dev.cinnabar.api.script;

import java.util.Set;

/**
 * One isolated interpreter state. Not thread-safe: used only on the executor.
 */
public interface ScriptVm extends AutoCloseable {

    /** What the VM is for; engines name chunks and errors after it (Redis's {@code user_script}, {@code user_function}). */
    enum Kind { EVAL, FUNCTION }

    /**
     * Compiles an ad-hoc script body. The caller has blanked a shebang line (its newline kept, so
     * line numbers stay the user's).
     *
     * @throws ScriptException with Redis's compile error text
     */
    CompiledScript compile(byte[] body) throws ScriptException;

    /**
     * Runs the code of a function library ({@code FUNCTION LOAD}, {@code FUNCTION RESTORE}), which
     * registers its functions through {@code registrar}. {@code code} is the library after its
     * metadata line, starting with that line's newline, so that line numbers stay the user's (the
     * metadata line is line 1). The engine offers the library its load-time API only (Redis's
     * {@code redis.register_function} and {@code redis.log}), polls
     * {@link FunctionRegistrar#interruption()} while the code runs, and ends the load with that
     * error when it is not null. Engines without libraries keep the default.
     *
     * @throws ScriptException with the error text Redis gives for a failing library, such as
     *         {@code ERR Error compiling function: ...} or {@code ERR Error registering functions: ...}
     */
    default void loadLibrary(byte[] code, FunctionRegistrar registrar) throws ScriptException {
        throw new ScriptException("ERR Engine does not support function libraries");
    }

    /** Bytes of memory the VM holds now, as well as the engine can tell. */
    long memoryUsed();

    /** Releases the VM; it is not used afterwards. */
    @Override
    void close();

    /** Receives the functions a library registers while it loads. */
    interface FunctionRegistrar {

        /**
         * Registers one function.
         *
         * @param name the function name as the library spelled it
         * @param flags Redis's script flag names in lower case ({@code no-writes}, {@code allow-oom}, ...)
         * @param description may be null
         * @throws ScriptException when the registration is refused (invalid or duplicate name,
         *         bad flag); its text has an error code ({@code ERR Function already exists in the
         *         library}) and the engine raises it in the library's code
         */
        void register(String name, CompiledScript function, Set<String> flags, String description) throws ScriptException;

        /**
         * {@code redis.log} while the library loads: writes to the server log at one of the
         * {@link ScriptHost} {@code LOG_*} levels.
         *
         * @since 1.2.0
         */
        default void log(int level, String message) {
        }

        /**
         * The load's timeout poll (Redis aborts a {@code FUNCTION LOAD} whose code runs for more
         * than 500 ms). Engines call it every few thousand instructions; a non-null result is the
         * error (with its code, e.g. {@code ERR FUNCTION LOAD timeout}) the load must fail with.
         *
         * @since 1.2.0
         */
        default String interruption() {
            return null;
        }
    }
}
