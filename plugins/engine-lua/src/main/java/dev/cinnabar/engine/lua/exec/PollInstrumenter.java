package dev.cinnabar.engine.lua.exec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.bcel.classfile.ClassParser;
import org.apache.bcel.classfile.JavaClass;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.BranchInstruction;
import org.apache.bcel.generic.ClassGen;
import org.apache.bcel.generic.CodeExceptionGen;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InstructionList;
import org.apache.bcel.generic.InstructionTargeter;
import org.apache.bcel.generic.LocalVariableGen;
import org.apache.bcel.generic.MethodGen;
import org.apache.bcel.generic.ReturnInstruction;
import org.apache.bcel.generic.Select;

/**
 * The post-pass over luajc's classes that makes compiled Lua killable and bounded. In each Lua body method
 * ({@code call(...)} of Zero..ThreeArgFunction subclasses, {@code onInvoke(Varargs)} of VarArgFunction ones):
 * <ul>
 *   <li>{@code LuaInterrupts.enter()} at the entry (poll and call depth);</li>
 *   <li>{@code LuaInterrupts.poll()} before every backward branch (every loop: numeric and generic for, while,
 *       repeat, goto-free Lua has no other cycles), with branches to that branch redirected to the poll so that
 *       no path around a cycle skips it;</li>
 *   <li>{@code LuaInterrupts.leave()} before every return, again with branches redirected;</li>
 *   <li>a catch-all handler over the body: {@code throw LuaInterrupts.fail(t)} (depth and error position).</li>
 * </ul>
 * luajc writes class files of version 45, which the JVM verifies by type inference: no stack map frames to
 * maintain. Line numbers (Lua lines) are kept, and moved onto inserted instructions.
 */
final class PollInstrumenter {

    private static final String LI = LuaInterrupts.class.getName();

    private PollInstrumenter() {
    }

    static byte[] instrument(byte[] classBytes, String className) throws IOException {
        JavaClass jc = new ClassParser(new ByteArrayInputStream(classBytes), className + ".class").parse();
        ClassGen cg = new ClassGen(jc);
        ConstantPoolGen cp = cg.getConstantPool();
        int poll = cp.addMethodref(LI, "poll", "()V");
        int enter = cp.addMethodref(LI, "enter", "()V");
        int leave = cp.addMethodref(LI, "leave", "()V");
        int fail = cp.addMethodref(LI, "fail", "(Ljava/lang/Throwable;)Ljava/lang/Throwable;");
        for (Method m : cg.getMethods()) {
            if (m.isStatic() || m.isAbstract() || !(m.getName().equals("call") || m.getName().equals("onInvoke"))) {
                continue;
            }
            MethodGen mg = new MethodGen(m, cg.getClassName(), cp);
            InstructionList il = mg.getInstructionList();
            il.setPositions();
            List<InstructionHandle> backEdges = new ArrayList<>();
            List<InstructionHandle> returns = new ArrayList<>();
            for (InstructionHandle ih : il.getInstructionHandles()) {
                if (ih.getInstruction() instanceof BranchInstruction && isBackward(ih)) {
                    backEdges.add(ih);
                } else if (ih.getInstruction() instanceof ReturnInstruction) {
                    returns.add(ih);
                }
            }
            for (InstructionHandle ih : backEdges) {
                insertBefore(il, ih, new INVOKESTATIC(poll));
            }
            for (InstructionHandle ih : returns) {
                insertBefore(il, ih, new INVOKESTATIC(leave));
            }
            InstructionHandle bodyStart = il.getStart();
            InstructionHandle bodyEnd = il.getEnd();
            il.insert(new INVOKESTATIC(enter));
            InstructionHandle handler = il.append(new INVOKESTATIC(fail));
            il.append(new ATHROW());
            mg.addExceptionHandler(bodyStart, bodyEnd, handler, null);
            il.setPositions();
            mg.setMaxStack();
            mg.setMaxLocals();
            cg.replaceMethod(m, mg.getMethod());
            il.dispose();
        }
        return cg.getJavaClass().getBytes();
    }

    private static boolean isBackward(InstructionHandle ih) {
        BranchInstruction b = (BranchInstruction) ih.getInstruction();
        int pos = ih.getPosition();
        if (b.getTarget().getPosition() <= pos) {
            return true;
        }
        if (b instanceof Select) {
            for (InstructionHandle t : ((Select) b).getTargets()) {
                if (t.getPosition() <= pos) {
                    return true;
                }
            }
        }
        return false;
    }

    /** inserts before ih; jumps and line numbers that pointed at ih point at the new instruction */
    private static void insertBefore(InstructionList il, InstructionHandle ih, INVOKESTATIC call) {
        InstructionHandle n = il.insert(ih, call);
        InstructionTargeter[] ts = ih.getTargeters();
        if (ts == null) {
            return;
        }
        for (InstructionTargeter t : ts) {
            if (t instanceof CodeExceptionGen || t instanceof LocalVariableGen) {
                continue;
            }
            t.updateTarget(ih, n);
        }
    }
}
