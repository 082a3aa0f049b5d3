package dev.findingsresponder.opsauth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Gives every {@link OperatorRoles#OPERATOR} the {@link OperatorRoles#VIEWER} role as well, whatever mechanism
 * authenticated it: an identity provider's group claim usually lists only the highest role.
 */
@ApplicationScoped
public class OperatorImpliesViewer implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !identity.hasRole(OperatorRoles.OPERATOR)
                || identity.hasRole(OperatorRoles.VIEWER)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(OperatorRoles.VIEWER).build());
    }
}
