package org.mtabaseline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A public key that has signed attestations here; kept after rotation so old envelopes still verify. */
@Entity
@Table(name = "attestation_key")
public class AttestationKey extends PanacheEntityBase {

    @Id
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "public_pem")
    public String publicPem;
    @Column(name = "first_used_at")
    public Instant firstUsedAt;
}
