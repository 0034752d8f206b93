package io.ficus.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser the manifests tests stand on: it must refuse what the Kubernetes API would refuse or drop. */
class StrictManifestParserTests {

    private final StrictManifestParser parser = new StrictManifestParser();

    @Test
    void parsesEveryDocumentIntoItsApiType() {
        List<HasMetadata> resources = parser.parse(fixture("valid.yaml"), "valid.yaml");
        assertThat(resources).extracting(HasMetadata::getKind).containsExactly("ServiceAccount", "Deployment");
        assertThat(((Deployment) resources.get(1)).getSpec().getTemplate().getSpec().getContainers().get(0)
                .getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
    }

    @Test
    void refusesAFieldNoTypeDeclaresDeepInsideAPodSpec() {
        assertThatThrownBy(() -> parser.parse(fixture("misspelt-probe.yaml"), "misspelt-probe.yaml"))
                .isInstanceOf(StrictManifestParser.InvalidManifest.class)
                .hasMessageContaining("readinesProbe").hasMessageContaining("document 1");
    }

    @Test
    void refusesAKindTheApiDoesNotHave() {
        assertThatThrownBy(() -> parser.parse(fixture("unknown-kind.yaml"), "unknown-kind.yaml"))
                .isInstanceOf(StrictManifestParser.InvalidManifest.class)
                .hasMessageContaining("not a kind of the Kubernetes API");
    }

    private static String fixture(String name) {
        return RenderedPlace.read(Path.of("src", "test", "resources", "fixtures", name));
    }
}
