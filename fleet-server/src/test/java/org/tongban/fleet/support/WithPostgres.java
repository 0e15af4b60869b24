package org.tongban.fleet.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** A test class that takes the run's {@link TestPostgres} as a parameter (of @BeforeAll, say). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(WithPostgres.Resolver.class)
public @interface WithPostgres {

    final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == TestPostgres.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return TestPostgres.of(e);
        }
    }
}
