package se.primarycare.cds.cluster;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What makes several instances on one database behave as one (docs/production.md). */
@Configuration(proxyBeanMethods = false)
public class ClusterConfig {

    static final String STARTUP_LOCK = "startupLock";

    @Bean(STARTUP_LOCK)
    public StartupLock startupLock(DataSource dataSource) throws SQLException {
        return new StartupLock(dataSource);
    }

    /** The lock must be held before Hibernate updates the schema, i.e. before the entity manager factory exists. */
    @Bean
    public static BeanFactoryPostProcessor entityManagerFactoryAfterStartupLock() {
        return beanFactory -> {
            if (!beanFactory.containsBeanDefinition("entityManagerFactory")) {
                return;
            }
            BeanDefinition factory = beanFactory.getBeanDefinition("entityManagerFactory");
            String[] dependsOn = factory.getDependsOn();
            String[] withLock =
                    dependsOn == null ? new String[1] : java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
            withLock[withLock.length - 1] = STARTUP_LOCK;
            factory.setDependsOn(withLock);
        };
    }
}
