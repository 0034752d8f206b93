package io.ficus.architecture;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClass;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * The types a class instantiates right into {@code publishEvent(new X(..))} or {@code registerEvent(new X(..))}.
 *
 * <p>Read from the bytecode, where the constructor of the argument is the last call before the publishing one;
 * an event first stored in a variable and published after other calls is not seen (listeners still reveal it).
 */
final class PublishedEvents {

    private static final Set<String> PUBLISHING_METHODS = Set.of("publishEvent", "registerEvent", "andEvent");
    private static final Map<String, Set<String>> BY_CLASS = new ConcurrentHashMap<>();

    private PublishedEvents() {
    }

    static Set<String> publishedBy(JavaClass type) {
        return BY_CLASS.computeIfAbsent(type.getName(), name -> scan(type));
    }

    private static Set<String> scan(JavaClass type) {
        Set<String> published = new HashSet<>();
        ClassFiles.bytesOf(type).ifPresent(bytes -> new ClassReader(bytes).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
                    private String lastConstructed;

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDescriptor, boolean isInterface) {
                        if (opcode == Opcodes.INVOKESPECIAL && method.equals("<init>")) {
                            lastConstructed = Type.getObjectType(owner).getClassName();
                            return;
                        }
                        if (PUBLISHING_METHODS.contains(method) && lastConstructed != null) {
                            published.add(lastConstructed);
                        }
                        lastConstructed = null;
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG));
        return published;
    }
}
