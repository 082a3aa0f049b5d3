package dev.findingsresponder.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: makes sure moto runs and resets it before each test class,
 * so no class sees another's AWS resources. Use with {@code @ExtendWith(MotoExtension.class)}.
 */
public class MotoExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        MotoServer.reset();
    }
}
