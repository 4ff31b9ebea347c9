package org.mtabaseline.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A mail server or plain host, identified by its CMDB id. */
@Entity
@Table(name = "asset")
public class Asset extends PanacheEntityBase {

    public static final String ROLE_MAIL_SERVER = "mail_server";
    public static final String ROLE_HOST = "host";

    @Id
    public String id;
    public String hostname;
    public String environment;
    public String owner;
    @Column(name = "mta_kind")
    public String mtaKind;
    public String role = ROLE_MAIL_SERVER;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "asset_tag", joinColumns = @JoinColumn(name = "asset_id"))
    @MapKeyColumn(name = "tag_name")
    @Column(name = "tag_value")
    public Map<String, String> tags = new HashMap<>();

    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Filters of the asset list; null means "any". */
    public record Filter(String environment, String role, String mtaKind, String owner, String hostname,
                         String tagName, String tagValue) {
    }

    public static List<Asset> list(Filter f, int page, int size) {
        Query q = query(f);
        return find(q.jpql, Sort.by("id"), q.params).page(Page.of(page, size)).list();
    }

    public static long count(Filter f) {
        Query q = query(f);
        return count(q.jpql, q.params);
    }

    private record Query(String jpql, Map<String, Object> params) {
    }

    private static Query query(Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new TreeMap<>();
        if (f.environment() != null) {
            where.add("environment = :environment");
            params.put("environment", f.environment());
        }
        if (f.role() != null) {
            where.add("role = :role");
            params.put("role", f.role());
        }
        if (f.mtaKind() != null) {
            where.add("mtaKind = :mtaKind");
            params.put("mtaKind", f.mtaKind());
        }
        if (f.owner() != null) {
            where.add("owner = :owner");
            params.put("owner", f.owner());
        }
        if (f.hostname() != null) {
            where.add("lower(hostname) like :hostname");
            params.put("hostname", f.hostname().toLowerCase().replace("*", "%"));
        }
        if (f.tagName() != null) {
            where.add("id in (select a2.id from Asset a2 join a2.tags t where key(t) = :tagName"
                    + (f.tagValue() == null ? ")" : " and value(t) = :tagValue)"));
            params.put("tagName", f.tagName());
            if (f.tagValue() != null) {
                params.put("tagValue", f.tagValue());
            }
        }
        return new Query(where.isEmpty() ? "1 = 1" : String.join(" and ", where), params);
    }
}
