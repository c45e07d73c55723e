package se.primarycare.cds.fhir;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR REST endpoint at {@code /fhir}: HAPI's RestfulServer over the JPA DAOs. */
@Configuration
public class FhirEndpointConfig {

    /**
     * HAPI's servlet, held in a type that is not a {@code Servlet}: Spring Boot creates every servlet bean while it
     * creates the web server, before bean types are cached, which made HAPI's DAOs and providers most of the start
     * time (see {@link LateBoundServlet}).
     */
    public record FhirEndpoint(RestfulServer server) {}

    @Bean
    public FhirEndpoint fhirEndpoint(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            ValueSetOperationProvider valueSetOperations,
            BulkDataExportProvider bulkExport,
            DatabaseBackedPagingProvider pagingProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            List<FhirServerInterceptor> interceptors,
            List<FhirOperationProvider> operations) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // a resource type served by one of our own providers (AuditEvent: the append-only access log) is not
        // also served by HAPI's generic JPA provider
        Set<Class<?>> ownTypes = operations.stream()
                .filter(IResourceProvider.class::isInstance)
                .map(p -> (Class<?>) ((IResourceProvider) p).getResourceType())
                .collect(Collectors.toSet());
        server.registerProviders(resourceProviders.createProviders().stream()
                .filter(p -> !(p instanceof IResourceProvider r && ownTypes.contains(r.getResourceType())))
                .toList());
        server.registerProviders(systemProvider, valueSetOperations, bulkExport);
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport));
        interceptors.forEach(server::registerInterceptor);
        operations.forEach(server::registerProvider);
        return new FhirEndpoint(server);
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> fhirBodySizeLimit(FhirServerProperties properties) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/fhir/*");
        registration.setName("fhirBodySizeLimit");
        return registration;
    }

    @Bean
    public ServletRegistrationBean<LateBoundServlet> fhirServlet(ObjectProvider<FhirEndpoint> endpoint) {
        ServletRegistrationBean<LateBoundServlet> registration = new ServletRegistrationBean<>(
                new LateBoundServlet(() -> endpoint.getObject().server()), "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
