package dev.findingsresponder.testsupport.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;

/**
 * Every JAX-RS resource method of a service, found by reflection over its compiled classes (target/classes of the
 * module under test), so an endpoint added later is covered by the tests that walk this list without being named.
 */
public final class OpsEndpoints {

    /** HTTP methods that change something; a resource method using one is an operator action unless declared a read. */
    public static final Set<String> MUTATING = Set.of("POST", "PUT", "DELETE", "PATCH");

    /**
     * One resource method.
     *
     * @param verb      GET, POST, ...
     * @param template  the path as declared, e.g. {@code /approvals/{id}/approve}
     * @param path      the template with every parameter replaced by {@code probe}
     * @param consumes  the first media type it consumes (application/json when it declares none)
     * @param permitAll annotated {@code @PermitAll}: it checks its caller itself (e.g. ingest's EventBridge key)
     * @param roles     the roles of its effective {@code @RolesAllowed} (method, else class)
     */
    public record Endpoint(String verb, String template, String path, String consumes, boolean permitAll,
            Set<String> roles) {

        public boolean mutating() {
            return MUTATING.contains(verb);
        }

        /** {@code "POST /dlq/replay"}. */
        public String name() {
            return verb + " " + template;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    private OpsEndpoints() {
    }

    /** The resource methods of the classes under {@code target/classes} of the current module. */
    public static List<Endpoint> ofThisModule() {
        return of(Path.of("target", "classes"), Thread.currentThread().getContextClassLoader());
    }

    static List<Endpoint> of(Path classesDir, ClassLoader loader) {
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classesDir.relativize(file).toString().replace('/', '.').replace('\\', '.');
                Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false, loader);
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root != null && !type.isInterface() && !Modifier.isAbstract(type.getModifiers())) {
                    addMethods(type, root.value(), endpoints);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load a class of " + classesDir, e);
        }
        endpoints.sort(Comparator.comparing(Endpoint::template).thenComparing(Endpoint::verb));
        return endpoints;
    }

    private static void addMethods(Class<?> type, String root, List<Endpoint> endpoints) {
        for (Method method : type.getMethods()) {
            String verb = verb(method);
            if (verb == null) {
                continue;
            }
            jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
            String template = join(root, sub == null ? "" : sub.value());
            Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                    : type.getAnnotation(Consumes.class);
            RolesAllowed roles = method.isAnnotationPresent(RolesAllowed.class)
                    ? method.getAnnotation(RolesAllowed.class)
                    : method.isAnnotationPresent(PermitAll.class) ? null : type.getAnnotation(RolesAllowed.class);
            boolean permitAll = method.isAnnotationPresent(PermitAll.class)
                    || (!method.isAnnotationPresent(RolesAllowed.class) && type.isAnnotationPresent(PermitAll.class));
            endpoints.add(new Endpoint(verb, template, template.replaceAll("\\{[^}]*}", "probe"),
                    consumes == null || consumes.value().length == 0 ? MediaType.APPLICATION_JSON
                            : consumes.value()[0].split(",")[0].trim(),
                    permitAll, roles == null ? Set.of() : Set.of(roles.value())));
        }
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String join(String root, String sub) {
        String path = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
