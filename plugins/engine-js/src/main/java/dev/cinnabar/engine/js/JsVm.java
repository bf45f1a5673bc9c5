package dev.cinnabar.engine.js;

import dev.cinnabar.api.script.CompiledScript;
import dev.cinnabar.api.script.ScriptException;
import dev.cinnabar.api.script.ScriptHost;
import dev.cinnabar.api.script.ScriptRun;
import dev.cinnabar.api.script.ScriptVm;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.util.List;

/**
 * One JavaScript state: Rhino's safe standard objects (no Java, no {@code load}, no {@code print})
 * and the {@code redis} object, all sealed, so that scripts share nothing through it: a global
 * variable cannot be created, a built-in cannot be changed. An EVAL body is compiled as the body of
 * {@code function(KEYS, ARGV)}, a library as the body of a function run once by {@code FUNCTION LOAD},
 * whose registered functions are called with {@code (keys, args)}.
 */
final class JsVm implements ScriptVm {

    private final String source;
    private final ScriptableObject scope;
    private final RunState state;

    JsVm(Kind kind) {
        this.source = kind == Kind.EVAL ? "user_script" : "user_function";
        RunContext cx = JsContextFactory.INSTANCE.newContext();
        JsContextFactory.INSTANCE.enterContext(cx);
        try {
            scope = cx.initSafeStandardObjects(null, true);
            // the interpreter's capturable continuations: a Rhino extension, not for scripts
            scope.delete("Continuation");
            // Promise jobs run after the top call and would stay queued in the context when a run is killed,
            // to run inside the next script; scripts are synchronous, so there is no Promise at all
            scope.delete("Promise");
            state = new RunState(this, cx, scope);
            scope.defineProperty("redis", RedisApi.create(state), ScriptableObject.READONLY | ScriptableObject.PERMANENT);
            scope.sealObject();
        } finally {
            Context.exit();
        }
    }

    @Override
    public CompiledScript compile(byte[] body) throws ScriptException {
        Function f = compileBody("function(KEYS, ARGV) {", body, JsErrors.COMPILE);
        return run -> run(run, f);
    }

    /** The body as a function; the wrapper's head stays on line 1 (the blanked shebang) so line numbers are the user's. */
    private Function compileBody(String head, byte[] body, String errorPrefix) throws ScriptException {
        String code = head + JsStrings.text(body) + "\n}";
        RunContext cx = state.cx;
        JsContextFactory.INSTANCE.enterContext(cx);
        try {
            return cx.compileFunction(scope, code, source, 1, null);
        } catch (EvaluatorException e) {
            throw new ScriptException(errorPrefix + source + ":" + e.lineNumber() + ": " + JsErrors.replyText(e.details()));
        } catch (IllegalArgumentException e) {
            // Rhino's "compileFunction only accepts source with single JS function": the body closed the wrapper
            throw new ScriptException(errorPrefix + source + ": the code must be the body of one function");
        } catch (StackOverflowError e) {
            throw new ScriptException(errorPrefix + source + ": code nested too deeply");
        } finally {
            Context.exit();
        }
    }

    @Override
    public void loadLibrary(byte[] code, FunctionRegistrar registrar) throws ScriptException {
        Function library = compileBody("function() {", code, JsErrors.COMPILE_FUNCTION);
        RunContext cx = state.cx;
        JsContextFactory.INSTANCE.enterContext(cx);
        state.registrar = registrar;
        cx.begin(registrar::interruption);
        boolean abnormal = true;
        try {
            library.call(cx, scope, scope, ScriptRuntime.emptyArgs);
            abnormal = false;
        } catch (RhinoException e) {
            Failure f = describe(e);
            abnormal = f.abnormal;
            throw new ScriptException(JsErrors.REGISTER + f.text);
        } catch (ScriptAbort a) {
            throw new ScriptException(JsErrors.REGISTER + a.text);
        } catch (StackOverflowError e) {
            throw new ScriptException(JsErrors.REGISTER + JsErrors.STACK_OVERFLOW);
        } catch (OutOfMemoryError e) {
            dev.cinnabar.api.script.HeapBound.forget();
            throw new ScriptException(JsErrors.REGISTER + RunContext.OUT_OF_MEMORY);
        } catch (RuntimeException e) {
            throw new ScriptException(JsErrors.REGISTER + JsErrors.internal(e));
        } finally {
            state.registrar = null;
            cx.end();
            Context.exit();
            renewIf(abnormal);
        }
    }

    /**
     * After a run was ended by Java (abort, stack or heap exhausted) rather than by a JavaScript
     * exception, the interpreter may have left state in its context: the next run gets a new one.
     */
    private void renewIf(boolean abnormal) {
        if (abnormal) {
            state.cx = JsContextFactory.INSTANCE.newContext();
        }
    }

    /** A function a library registered: FCALL calls it with the keys and arguments as two arrays. */
    CompiledScript function(Function callback) {
        return run -> run(run, callback);
    }

    /**
     * An error that ended a run: the reply text, whether it is a command's error the statistics counted
     * already, and whether Java rather than JavaScript ended the run (then the context is renewed).
     */
    private record Failure(String text, boolean innerCommand, boolean abnormal) {

        Failure(String text, boolean innerCommand) {
            this(text, innerCommand, false);
        }
    }

    /**
     * {@link #failure}, which may run JavaScript (a getter of a thrown object), and so may itself be
     * killed or exhaust the stack or heap: it never throws.
     */
    private static Failure describe(RhinoException e) {
        try {
            return failure(e);
        } catch (ScriptAbort a) {
            return new Failure(a.text, false, true);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError x) {
            return new Failure("ERR unknown error", false, true);
        }
    }

    /**
     * Runs {@code f(keys, args)} under the kill poll and the bounds, then writes its result or error.
     * The result is converted completely before anything reaches the caller's sink.
     */
    private void run(ScriptRun run, Function f) {
        ScriptHost host = run.host();
        Object result = null;
        RecordedReply recorded = null;
        Failure failure = null;
        int scriptProtocol;
        boolean abnormal = false;
        RunContext cx = state.cx;
        JsContextFactory.INSTANCE.enterContext(cx);
        state.host = host;
        state.protocol = 2;
        cx.begin(host::interruption);
        try {
            result = f.call(cx, scope, scope, new Object[] {array(cx, run.keys()), array(cx, run.args())});
            JsReplyWriter.TopLevelError e = JsReplyWriter.topLevelError(result);
            if (e != null) {
                failure = new Failure(e.text(), e.innerCommand());
            } else if (!JsReplyWriter.plain(result)) {
                recorded = new RecordedReply(run.reply().protocol());
                new JsReplyWriter(cx, state.protocol).write(result, recorded);
            }
        } catch (RhinoException e) {
            failure = describe(e);
            abnormal = failure.abnormal;
            ErrorPosition at = ErrorPosition.of(e);
            if (at != null) {
                failure = new Failure(failure.text + at.suffix(run.name()), failure.innerCommand, abnormal);
            }
        } catch (ScriptAbort a) {
            abnormal = true;
            failure = new Failure(a.line > 0 ? a.text + new ErrorPosition(a.source, a.line).suffix(run.name()) : a.text, false, true);
        } catch (StackOverflowError e) {
            abnormal = true;
            failure = new Failure(JsErrors.STACK_OVERFLOW, false, true);
        } catch (OutOfMemoryError e) {
            abnormal = true;
            dev.cinnabar.api.script.HeapBound.forget();
            failure = new Failure(RunContext.OUT_OF_MEMORY, false, true);
        } catch (RuntimeException e) {
            abnormal = true;
            failure = new Failure(JsErrors.internal(e), false, true);
        } finally {
            scriptProtocol = state.protocol;
            state.host = null;
            cx.end();
            Context.exit();
            renewIf(abnormal);
        }
        if (failure != null) {
            host.replyError(failure.text, failure.innerCommand);
        } else if (recorded != null) {
            recorded.replay(run.reply());
        } else {
            new JsReplyWriter(cx, scriptProtocol).write(result, run.reply());
        }
    }

    /** The reply text of an exception that left the script. */
    private static Failure failure(RhinoException e) {
        if (e instanceof JavaScriptException thrown) {
            Object v = thrown.getValue();
            JsReplyWriter.TopLevelError error = JsReplyWriter.topLevelError(v);
            if (error != null) {
                return new Failure(error.text(), error.innerCommand());
            }
            String text = v instanceof Scriptable s ? "[object " + s.getClassName() + "]" : ScriptRuntime.toString(v);
            return new Failure("ERR " + JsErrors.replyText(text), false);
        }
        if (e instanceof EcmaError ecma) {
            return new Failure("ERR " + JsErrors.replyText(ecma.getName() + ": " + ecma.getErrorMessage()), false);
        }
        if (e instanceof EvaluatorException) {
            return new Failure("ERR " + JsErrors.replyText(e.details()), false);
        }
        return new Failure(JsErrors.internal(e), false);
    }

    private Scriptable array(RunContext cx, List<byte[]> items) {
        Object[] values = new Object[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = JsStrings.text(items.get(i));
        }
        return cx.newArray(scope, values);
    }

    @Override
    public long memoryUsed() {
        return 0;
    }

    @Override
    public void close() {
    }
}
