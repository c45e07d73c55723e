package se.primarycare.cds.hooks;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repairs a common EHR mistake before HAPI parses a resource: a repeating element sent as a single object
 * ({@code "category": {...}} instead of {@code [{...}]}, as the CDS Hooks sandbox does). Which elements repeat
 * comes from HAPI's model of FHIR R4, so every element of every resource type is covered.
 */
final class LenientJson {

    private final FhirContext fhirContext;

    LenientJson(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    void wrapSingleObjectsInArrays(ObjectNode resource) {
        String type = resource.path("resourceType").asText();
        if (type.isEmpty()) {
            return;
        }
        try {
            fix(resource, fhirContext.getResourceDefinition(type));
        } catch (RuntimeException unknownType) {
            // not a resource type HAPI knows: left for the parser to report
        }
    }

    private void fix(ObjectNode node, BaseRuntimeElementCompositeDefinition<?> definition) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        node.fields().forEachRemaining(fields::add);
        for (Map.Entry<String, JsonNode> field : fields) {
            BaseRuntimeChildDefinition child = definition.getChildByName(field.getKey());
            if (child == null) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isObject() && child.getMax() != 1) {
                ArrayNode array = node.putArray(field.getKey());
                array.add(value);
                value = array;
            }
            BaseRuntimeElementDefinition<?> elementDefinition = child.getChildByName(field.getKey());
            if (elementDefinition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                if (value.isObject()) {
                    fix((ObjectNode) value, composite);
                } else if (value.isArray()) {
                    for (JsonNode item : value) {
                        if (item.isObject()) {
                            fix((ObjectNode) item, composite);
                        }
                    }
                }
            }
        }
    }
}
