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
     * Runs the code of a function library, which registers its functions through
     * {@code registrar}. Engines without libraries keep the default.
     *
     * @throws ScriptException with the error text Redis gives for a failing library
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
         * @param flags Redis's script flag names ({@code no-writes}, {@code allow-oom}, ...)
         * @param description may be null
         * @throws ScriptException when the registration is refused (duplicate name, bad flag)
         */
        void register(String name, CompiledScript function, Set<String> flags, String description) throws ScriptException;
    }
}
