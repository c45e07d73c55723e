package se.primarycare.cds.fhir;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Wires HAPI's JPA persistence into the Spring Boot application without the jpaserver-starter.
 *
 * <p>HAPI's {@code HapiJpaConfig} is deliberately not imported: it registers a full-text search service, and
 * with that bean present HAPI expands {@code is-a} ValueSets through Hibernate Search, which would then have to
 * run (a Lucene index beside the database, lost or stale on restart). Without it HAPI expands {@code is-a}
 * filters and {@code :below} searches from the terminology tables, which is all the contract needs.
 */
@Configuration
@Import({
    JpaR4Config.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class,
    ThreadPoolFactoryConfig.class
})
public class FhirPersistenceConfig {

    @Bean
    public JpaStorageSettings storageSettings(FhirServerProperties properties) {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setReuseCachedSearchResultsForMillis(
                properties.searchCacheMillis() > 0 ? properties.searchCacheMillis() : null);
        // Terminology is small; index every CodeSystem in the request that stores it so that :below and :in
        // searches are correct as soon as start-up finishes (no deferred job to wait for).
        settings.setDeferIndexingForCodesystemsOfSize(100_000);
        settings.setAllowExternalReferences(false);
        settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
        settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setExpungeEnabled(false);
        // meta.source is not part of the contract; not storing it saves a row per resource version.
        settings.setStoreMetaSourceInformation(JpaStorageSettings.StoreMetaSourceInformationEnum.NONE);
        // HFJ_SPIDX_IDENTITY only maps index hashes back to parameter names (for HAPI's optimised index storage,
        // not used here); its background writer competed for the second core during start and ingest.
        settings.setWriteToSearchParamIdentityTable(false);
        return settings;
    }

    @Bean
    public static BatchMaintenanceFrequency batchMaintenanceFrequency(Environment environment) {
        // static and bound here: a BeanPostProcessor is created before @ConfigurationProperties beans are
        return new BatchMaintenanceFrequency(Binder.get(environment)
                .bindOrCreate("primarycare.fhir", FhirServerProperties.class)
                .batchMaintenanceMillis());
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider(FhirServerProperties properties) {
        DatabaseBackedPagingProvider provider = new DatabaseBackedPagingProvider();
        provider.setDefaultPageSize(properties.defaultPageSize());
        provider.setMaximumPageSize(properties.maxPageSize());
        return provider;
    }

    @Bean
    public IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            JpaProperties jpaProperties,
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        var props = jpaProperties.getProperties();
        props.putIfAbsent(AvailableSettings.HBM2DDL_AUTO, "update");
        props.putIfAbsent(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
        props.putIfAbsent(AvailableSettings.ORDER_INSERTS, "true");
        props.putIfAbsent(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        props.putIfAbsent(AvailableSettings.USE_QUERY_CACHE, "false");
        props.putIfAbsent("hibernate.search.enabled", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(props);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Bean
    public InlineCountSearches inlineCountSearches(IInterceptorService interceptors) {
        InlineCountSearches inline = new InlineCountSearches();
        interceptors.registerInterceptor(inline);
        return inline;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }
}
