package dev.findingsresponder.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The kustomizations the tests render: both overlays, and dev with the optional moto component enabled. */
final class Overlays {

    static final String DEV = "dev";
    static final String PROD = "prod";
    static final String DEV_WITH_MOTO = "dev+moto";

    private Overlays() {
    }

    static Path k8s() {
        return Repo.path("deploy/k8s");
    }

    static Map<String, Path> all() {
        Map<String, Path> all = new LinkedHashMap<>();
        all.put(DEV, k8s().resolve("overlays/dev"));
        all.put(PROD, k8s().resolve("overlays/prod"));
        all.put(DEV_WITH_MOTO, devWithMoto());
        return all;
    }

    static List<Map<String, Object>> render(String overlay) {
        return Kustomize.build(all().get(overlay));
    }

    /**
     * The dev overlay with the components its kustomization offers in a comment ("# components:" followed by
     * "#   - path" lines), as a user who uncomments them gets it: a kustomization under deploy/target that takes dev
     * as its resource and adds those components.
     */
    static Path devWithMoto() {
        Path dev = k8s().resolve("overlays/dev");
        Matcher m = Pattern.compile("(?m)^# components:\\n((?:#\\s+- \\S+\\n)+)").matcher(Repo.read(dev.resolve("kustomization.yaml")));
        if (!m.find()) {
            throw new IllegalStateException("overlays/dev/kustomization.yaml offers no commented-out components");
        }
        Path dir = Repo.path("deploy/target/kustomize/dev-with-moto");
        StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ")
                .append(dir.relativize(dev).toString().replace('\\', '/')).append("\ncomponents:\n");
        for (String line : m.group(1).split("\n")) {
            Path component = dev.resolve(line.replaceFirst("^#\\s+- ", "")).normalize();
            k.append("  - ").append(dir.relativize(component).toString().replace('\\', '/')).append('\n');
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("kustomization.yaml"), k.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }
}
