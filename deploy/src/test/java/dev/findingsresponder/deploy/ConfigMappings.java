package dev.findingsresponder.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The configuration properties a service reads through its {@code @ConfigMapping} interfaces, found by reflection in
 * the service's compiled classes of this checkout ({@code <service>/target/classes}). Only what the services use is
 * understood; anything else (another naming strategy, {@code @ConfigProperty} injection, a list of groups) fails
 * loudly rather than being skipped, so that the environment check never passes for want of knowing a property.
 */
final class ConfigMappings {

    /** Property names read exactly, and name prefixes under which any name is read (map-valued properties). */
    record Names(Set<String> exact, Set<String> prefixes) {
    }

    private static final String MAPPING_DESCRIPTOR = "Lio/smallrye/config/ConfigMapping;";
    private static final List<String> UNSUPPORTED_READERS = List.of(
            "Lorg/eclipse/microprofile/config/inject/ConfigProperty;",
            "org/eclipse/microprofile/config/ConfigProvider",
            "Lio/quarkus/runtime/annotations/ConfigRoot;");

    private ConfigMappings() {
    }

    /** The property names the service's mappings read; its application.properties must match the repository's. */
    static Names of(String service, String repoApplicationProperties) {
        Path classesRoot = classesRootOf(service, repoApplicationProperties);
        Set<String> exact = new TreeSet<>();
        Set<String> prefixes = new TreeSet<>();
        ClassLoader loader;
        try {
            // the services are not on the test classpath (pom-type dependencies), so these classes load from here
            loader = new java.net.URLClassLoader(new java.net.URL[] {classesRoot.toUri().toURL()}, ConfigMappings.class.getClassLoader());
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, byte[]> entry : classes(classesRoot).entrySet()) {
            String className = entry.getKey();
            byte[] bytes = entry.getValue();
            String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (String reader : UNSUPPORTED_READERS) {
                if (text.contains(reader)) {
                    throw new UnsupportedOperationException(service + ": " + className + " reads configuration through "
                            + reader + ", which ConfigMappings does not understand: extend it");
                }
            }
            if (!text.contains(MAPPING_DESCRIPTOR)) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException(service + ": cannot load " + className + " to read its mapping", e);
            }
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (mapping == null) {
                continue; // the descriptor appears in a class that only uses a mapping
            }
            if (mapping.namingStrategy() != ConfigMapping.NamingStrategy.KEBAB_CASE) {
                throw new UnsupportedOperationException(type + ": naming strategy " + mapping.namingStrategy());
            }
            collect(type, mapping.prefix(), exact, prefixes);
        }
        if (exact.isEmpty()) {
            throw new IllegalStateException(service + ": no @ConfigMapping found in " + classesRoot);
        }
        return new Names(exact, prefixes);
    }

    private static void collect(Class<?> group, String prefix, Set<String> exact, Set<String> prefixes) {
        for (Method method : group.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            String own = method.isAnnotationPresent(WithParentName.class) ? ""
                    : method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String name = own.isEmpty() ? prefix : prefix.isEmpty() ? own : prefix + "." + own;
            Type type = unwrapOptional(method.getGenericReturnType());
            Class<?> raw = raw(type);
            if (Map.class.isAssignableFrom(raw)) {
                prefixes.add(name + ".");
            } else if (Collection.class.isAssignableFrom(raw)) {
                Class<?> element = raw(((ParameterizedType) type).getActualTypeArguments()[0]);
                if (isGroup(element)) {
                    throw new UnsupportedOperationException(group + "." + method.getName() + ": a collection of groups");
                }
                exact.add(name);
            } else if (isGroup(raw)) {
                collect(raw, name, exact, prefixes);
            } else {
                exact.add(name);
            }
        }
    }

    private static boolean isGroup(Class<?> type) {
        return type.isInterface() && !type.getName().startsWith("java.");
    }

    private static Type unwrapOptional(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return p.getActualTypeArguments()[0];
        }
        if (type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class) {
            return String.class;
        }
        return type;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new UnsupportedOperationException("type " + type);
    }

    /** SmallRye's KEBAB_CASE: {@code maxEventBytes} becomes {@code max-event-bytes}. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The service's compiled classes in this checkout. Its application.properties there must equal the source's:
     * otherwise the classes were compiled from other sources (compile again).
     */
    private static Path classesRootOf(String service, String repoApplicationProperties) {
        Path classes = Repo.path(service + "/target/classes");
        Path properties = classes.resolve("application.properties");
        if (!Files.isRegularFile(properties)) {
            throw new IllegalStateException(service + " is not compiled (" + classes + "): run ./mvnw -B -q install -DskipTests,"
                    + " or build from the root");
        }
        if (!Repo.read(properties).equals(repoApplicationProperties)) {
            throw new IllegalStateException(properties + " differs from " + service + "/src/main/resources/application.properties:"
                    + " the classes are stale; run ./mvnw -B -q install -DskipTests, or build from the root");
        }
        return classes;
    }

    /** Every class under the directory, by name, with its bytes. */
    private static Map<String, byte[]> classes(Path root) {
        Map<String, byte[]> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                classes.put(className(root.relativize(f).toString()), Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return classes;
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('\\', '/').replace('/', '.');
    }
}
