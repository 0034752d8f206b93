package io.ficus.architecture.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import io.ficus.architecture.ClassFiles;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.Handle;
import org.springframework.asm.Label;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.SpringAsmInfo;
import org.springframework.asm.Type;

/**
 * A SQL statement written in a class: a {@code @Query} value, a string constant, or a string literal (text blocks
 * and constant concatenations included) handed to {@code JdbcClient}, {@code JdbcTemplate} and the like.
 *
 * <p>ArchUnit does not import string literals, so the class file is read with ASM: every {@code ldc} of a string
 * and every string-concatenation recipe, with the member and the source line it occurs on.
 *
 * @param member the member it is written in, e.g. {@code Method <io.ficus.shop.orders.internal.Orders.find(long)>}
 * @param location the source location, e.g. {@code (Orders.java:42)}
 * @param sql the statement
 */
public record SqlInCode(String member, String location, String sql) {

    private static final String CONCAT_FACTORY = "java/lang/invoke/StringConcatFactory";

    public static List<SqlInCode> in(JavaClass type) {
        List<SqlInCode> found = new ArrayList<>(queryAnnotations(type));
        found.addAll(stringConstants(type));
        return found;
    }

    /** The values of annotations named {@code Query} (Spring Data JDBC, JPA, ...) on the class's methods. */
    private static List<SqlInCode> queryAnnotations(JavaClass type) {
        List<SqlInCode> found = new ArrayList<>();
        for (JavaMethod method : type.getMethods()) {
            for (JavaAnnotation<JavaMethod> annotation : method.getAnnotations()) {
                if (annotation.getRawType().getSimpleName().equals("Query")) {
                    annotation.get("value").filter(String.class::isInstance).map(String.class::cast)
                            .filter(sql -> !sql.isBlank())
                            .ifPresent(sql -> found.add(new SqlInCode("Method <" + method.getFullName() + ">",
                                    method.getSourceCodeLocation().toString(), sql)));
                }
            }
        }
        return found;
    }

    private static List<SqlInCode> stringConstants(JavaClass type) {
        Optional<byte[]> bytes = ClassFiles.bytesOf(type);
        if (bytes.isEmpty()) {
            return List.of();
        }
        String file = type.getSource().flatMap(source -> source.getFileName()).orElse(type.getSimpleName() + ".java");
        // a constant used in a method appears twice: as the field's value and inlined at the use: keep the use
        Map<String, SqlInCode> bySql = new LinkedHashMap<>();
        List<SqlInCode> fields = new ArrayList<>();
        new ClassReader(bytes.get()).accept(new ClassVisitor(SpringAsmInfo.ASM_VERSION) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if (value instanceof String text && SqlText.looksLikeSql(text)) {
                    fields.add(new SqlInCode("Field <" + type.getName() + "." + name + ">", "(" + file + ":0)", text));
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                String member = "Method <" + type.getName() + "." + name + "(" + Arrays.stream(Type.getArgumentTypes(descriptor))
                        .map(Type::getClassName).collect(Collectors.joining(", ")) + ")>";
                return new MethodVisitor(SpringAsmInfo.ASM_VERSION) {
                    private int line;

                    @Override
                    public void visitLineNumber(int line, Label start) {
                        this.line = line;
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof String text) {
                            add(text);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... arguments) {
                        if (bootstrap.getOwner().equals(CONCAT_FACTORY) && arguments.length > 0
                                && arguments[0] instanceof String recipe) {
                            // \u0001 marks where a run-time value is spliced in: show it as a bind parameter
                            add(recipe.replace('\u0001', '?'));
                        }
                    }

                    private void add(String text) {
                        if (SqlText.looksLikeSql(text)) {
                            bySql.putIfAbsent(text, new SqlInCode(member, "(" + file + ":" + line + ")", text));
                        }
                    }
                };
            }
        }, ClassReader.SKIP_FRAMES);
        fields.forEach(field -> bySql.putIfAbsent(field.sql(), field));
        return List.copyOf(bySql.values());
    }
}
