package se.primarycare.cds.cluster;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What makes several instances on one database behave as one (docs/production.md). */
@Configuration(proxyBeanMethods = false)
public class ClusterConfig {

    static final String STARTUP_LOCK = "startupLock";

    /**
     * Every way into the database that changes its schema at start: Hibernate (the entity manager factory), the
     * project's own tables (created through the JdbcTemplate) and the shared read-model version.
     */
    static final List<String> SCHEMA_WRITERS = List.of("entityManagerFactory", "jdbcTemplate", "readModelVersion");

    @Bean(STARTUP_LOCK)
    public StartupLock startupLock(DataSource dataSource) throws SQLException {
        return new StartupLock(dataSource);
    }

    /** The lock is held before any of them exists, so two instances never change the schema side by side. */
    @Bean
    public static BeanFactoryPostProcessor schemaWritersAfterStartupLock() {
        return beanFactory -> {
            for (String writer : SCHEMA_WRITERS) {
                if (!beanFactory.containsBeanDefinition(writer)) {
                    continue;
                }
                BeanDefinition definition = beanFactory.getBeanDefinition(writer);
                String[] dependsOn = definition.getDependsOn();
                String[] withLock = dependsOn == null ? new String[1] : Arrays.copyOf(dependsOn, dependsOn.length + 1);
                withLock[withLock.length - 1] = STARTUP_LOCK;
                definition.setDependsOn(withLock);
            }
        };
    }
}
