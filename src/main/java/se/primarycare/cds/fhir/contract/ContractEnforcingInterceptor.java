package se.primarycare.cds.fhir.contract;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Normalises and validates every resource the JPA layer is about to store, whether it came as a single
 * write, inside a transaction Bundle or from a loader. A violation throws, which rolls back the whole
 * transaction: a Bundle with one bad entry stores nothing.
 */
@Interceptor
public class ContractEnforcingInterceptor {

    private final FhirContext fhirContext;
    private final ContractNormalizer normalizer;
    private final ContractValidator validator;

    public ContractEnforcingInterceptor(
            FhirContext fhirContext, ContractNormalizer normalizer, ContractValidator validator) {
        this.fhirContext = fhirContext;
        this.normalizer = normalizer;
        this.validator = validator;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource) {
        enforce(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
        enforce(resource);
    }

    /**
     * Inside a transaction the resource is stored with its {@code urn:uuid:} references still unresolved; by
     * pre-commit they point at the stored resources, so what a reference points to is checked here (still inside
     * the database transaction: throwing rolls everything back).
     */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void beforeCommitCreate(IBaseResource resource) {
        reject(validator.validateResolvedReferences(resource));
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void beforeCommitUpdate(IBaseResource previous, IBaseResource resource) {
        reject(validator.validateResolvedReferences(resource));
    }

    private void enforce(IBaseResource resource) {
        normalizer.normalise(resource);
        reject(validator.validate(resource));
    }

    private void reject(List<ContractViolation> violations) {
        if (!violations.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, outcome(violations));
        }
    }

    private static OperationOutcome outcome(List<ContractViolation> violations) {
        OperationOutcome outcome = new OperationOutcome();
        for (ContractViolation violation : violations) {
            outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.INVALID)
                    .setDiagnostics(violation.expression() + ": " + violation.message())
                    .addExpression(violation.expression());
        }
        return outcome;
    }
}
