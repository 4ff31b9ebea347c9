package org.mtabaseline.rego.builtins;

import java.util.HashMap;
import java.util.Map;
import org.mtabaseline.rego.types.Type.FunctionType;
import org.mtabaseline.rego.types.TypeSyntax;

/**
 * The type signatures of the built-in functions, as OPA declares them (ast/builtins.go), for the
 * compile-time type checker. A builtin without a declaration here is not type checked (its operands
 * and result are {@code any}).
 */
public final class BuiltinDeclarations {
    private static final String SIGNATURES = """
            eq(any, any) => boolean
            assign(any, any) => boolean
            internal.member_2(any, any) => boolean
            internal.member_3(any, any, any) => boolean
            gt(x: any, y: any) => result: boolean
            gte(x: any, y: any) => result: boolean
            lt(x: any, y: any) => result: boolean
            lte(x: any, y: any) => result: boolean
            neq(x: any, y: any) => result: boolean
            equal(x: any, y: any) => result: boolean
            plus(x: number, y: number) => z: number
            minus(x: any<number, set[any]>, y: any<number, set[any]>) => z: any<number, set[any]>
            mul(x: number, y: number) => z: number
            div(x: number, y: number) => z: number
            rem(x: number, y: number) => z: number
            round(x: number) => y: number
            ceil(x: number) => y: number
            floor(x: number) => y: number
            abs(x: number) => y: number
            bits.or(x: number, y: number) => z: number
            bits.and(x: number, y: number) => z: number
            bits.negate(x: number) => z: number
            bits.xor(x: number, y: number) => z: number
            bits.lsh(x: number, s: number) => z: number
            bits.rsh(x: number, s: number) => z: number
            and(x: set[any], y: set[any]) => z: set[any]
            or(x: set[any], y: set[any]) => z: set[any]
            intersection(xs: set[set[any]]) => y: set[any]
            union(xs: set[set[any]]) => y: set[any]
            count(collection: any<string, array[any], object[any: any], set[any]>) => n: number
            sum(collection: any<array[number], set[number]>) => n: number
            product(collection: any<array[number], set[number]>) => n: number
            max(collection: any<array[any], set[any]>) => n: any
            min(collection: any<array[any], set[any]>) => n: any
            sort(collection: any<array[any], set[any]>) => n: array[any]
            array.concat(x: array[any], y: array[any]) => z: array[any]
            array.slice(arr: array[any], start: number, stop: number) => slice: array[any]
            array.reverse(arr: array[any]) => rev: array[any]
            array.flatten(arr: array[any]) => flat: array[any]
            to_number(x: any<null, boolean, number, string>) => num: number
            regex.match(pattern: string, value: string) => result: boolean
            regex.is_valid(pattern: string) => result: boolean
            regex.find_all_string_submatch_n(pattern: string, value: string, number: number) => output: array[array[string]]
            regex.template_match(template: string, value: string, delimiter_start: string, delimiter_end: string) => result: boolean
            regex.split(pattern: string, value: string) => output: array[string]
            regex.find_n(pattern: string, value: string, number: number) => output: array[string]
            regex.globs_match(glob1: string, glob2: string) => result: boolean
            regex.replace(s: string, pattern: string, value: string) => output: string
            strings.any_prefix_match(search: any<string, array[string], set[string]>, base: any<string, array[string], set[string]>) => result: boolean
            strings.any_suffix_match(search: any<string, array[string], set[string]>, base: any<string, array[string], set[string]>) => result: boolean
            concat(delimiter: string, collection: any<array[string], set[string]>) => output: string
            format_int(number: number, base: number) => output: string
            indexof(haystack: string, needle: string) => output: number
            indexof_n(haystack: string, needle: string) => output: array[number]
            substring(value: string, offset: number, length: number) => output: string
            contains(haystack: string, needle: string) => result: boolean
            strings.count(search: string, substring: string) => output: number
            startswith(search: string, base: string) => result: boolean
            endswith(search: string, base: string) => result: boolean
            lower(x: string) => y: string
            upper(x: string) => y: string
            split(x: string, delimiter: string) => ys: array[string]
            strings.split_n(x: string, delimiter: string, n: number) => ys: array[string]
            replace(x: string, old: string, new: string) => y: string
            strings.replace_n(patterns: object[string: string], value: string) => output: string
            trim(value: string, cutset: string) => output: string
            trim_left(value: string, cutset: string) => output: string
            trim_prefix(value: string, prefix: string) => output: string
            trim_right(value: string, cutset: string) => output: string
            trim_suffix(value: string, suffix: string) => output: string
            trim_space(value: string) => output: string
            sprintf(format: string, values: array[any]) => output: string
            strings.reverse(x: string) => y: string
            strings.render_template(value: string, vars: object[string: any]) => result: string
            rand.intn(str: string, n: number) => y: number
            numbers.range(a: number, b: number) => range: array[number]
            numbers.range_step(a: number, b: number, step: number) => range: array[number]
            units.parse(x: string) => y: number
            units.parse_bytes(x: string) => y: number
            uuid.rfc4122(k: string) => output: string
            uuid.parse(uuid: string) => result: object[string: any]
            uri.parse(uri: string) => parts: object[string: any]
            uri.is_valid(uri: string) => result: boolean
            json.filter(object: object[any: any], paths: any<array[any<string, array[any]>], set[any<string, array[any]>]>) => filtered: any
            json.remove(object: object[any: any], paths: any<array[any<string, array[any]>], set[any<string, array[any]>]>) => output: any
            json.patch(object: any, patches: array[object<op: string, path: any>[any: any]]) => output: any
            object.subset(super: any<array[any], object[any: any], set[any]>, sub: any<array[any], object[any: any], set[any]>) => result: any
            object.union(a: object[any: any], b: object[any: any]) => output: any
            object.union_n(objects: array[object[any: any]]) => output: any
            object.remove(object: object[any: any], keys: any<array[any], object[any: any], set[any]>) => output: any
            object.filter(object: object[any: any], keys: any<array[any], object[any: any], set[any]>) => filtered: any
            object.get(object: object[any: any], key: any, default: any) => value: any
            object.keys(object: object[any: any]) => value: set[any]
            json.marshal(x: any) => y: string
            json.marshal_with_options(x: any, opts: object<indent: string, prefix: string, pretty: boolean>[string: any]) => y: string
            json.unmarshal(x: string) => y: any
            json.is_valid(x: string) => result: boolean
            base64.encode(x: string) => y: string
            base64.decode(x: string) => y: string
            base64.is_valid(x: string) => result: boolean
            base64url.encode(x: string) => y: string
            base64url.encode_no_pad(x: string) => y: string
            base64url.decode(x: string) => y: string
            urlquery.decode(x: string) => y: string
            urlquery.encode(x: string) => y: string
            urlquery.encode_object(object: object[string: any<string, array[string], set[string]>]) => y: string
            urlquery.decode_object(x: string) => object: object[string: array[string]]
            yaml.marshal(x: any) => y: string
            yaml.unmarshal(x: string) => y: any
            yaml.is_valid(x: string) => result: boolean
            hex.encode(x: string) => y: string
            hex.decode(x: string) => y: string
            io.jwt.decode(jwt: string) => output: array<object[any: any], object[any: any], string>
            io.jwt.verify_rs256(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_rs384(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_rs512(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_ps256(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_ps384(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_ps512(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_es256(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_es384(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_es512(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_eddsa(jwt: string, certificate: string) => result: boolean
            io.jwt.verify_hs256(jwt: string, secret: string) => result: boolean
            io.jwt.verify_hs384(jwt: string, secret: string) => result: boolean
            io.jwt.verify_hs512(jwt: string, secret: string) => result: boolean
            io.jwt.decode_verify(jwt: string, constraints: object[string: any]) => output: array<boolean, object[any: any], object[any: any]>
            io.jwt.encode_sign_raw(headers: string, payload: string, key: string) => output: string
            io.jwt.encode_sign(headers: object[string: any], payload: object[string: any], key: object[string: any]) => output: string
            time.now_ns() => now: number
            test.sleep(duration: string) => result: null
            time.parse_ns(layout: string, value: string) => ns: number
            time.parse_rfc3339_ns(value: string) => ns: number
            time.parse_duration_ns(duration: string) => ns: number
            time.format(x: any<number, array<number, string>, array<number, string, string>>) => formatted timestamp: string
            time.date(x: any<number, array<number, string>>) => date: array<number, number, number>
            time.clock(x: any<number, array<number, string>>) => output: array<number, number, number>
            time.weekday(x: any<number, array<number, string>>) => day: string
            time.add_date(ns: number, years: number, months: number, days: number) => output: number
            time.diff(ns1: any<number, array<number, string>>, ns2: any<number, array<number, string>>) => output: array<number, number, number, number, number, number>
            crypto.x509.parse_certificates(certs: string) => output: array[object[string: any]]
            crypto.x509.parse_and_verify_certificates(certs: string) => output: array<boolean, array[object[string: any]]>
            crypto.x509.parse_and_verify_certificates_with_options(certs: string, options: object[string: any]) => output: array<boolean, array[object[string: any]]>
            crypto.x509.parse_certificate_request(csr: string) => output: object[string: any]
            crypto.x509.parse_keypair(cert: string, pem: string) => output: object[string: any]
            crypto.x509.parse_rsa_private_key(pem: string) => output: object[string: any]
            crypto.parse_private_keys(keys: string) => output: array[object[string: any]]
            crypto.md5(x: string) => y: string
            crypto.sha1(x: string) => y: string
            crypto.sha256(x: string) => y: string
            crypto.hmac.md5(x: string, key: string) => y: string
            crypto.hmac.sha1(x: string, key: string) => y: string
            crypto.hmac.sha256(x: string, key: string) => y: string
            crypto.hmac.sha512(x: string, key: string) => y: string
            crypto.hmac.equal(mac1: string, mac2: string) => result: boolean
            walk(x: any) => output: array<array[any], any>
            graph.reachable(graph: object[any: any<array[any], set[any]>], initial: any<array[any], set[any]>) => output: set[any]
            graph.reachable_paths(graph: object[any: any<array[any], set[any]>], initial: any<array[any], set[any]>) => output: set[array[any]]
            is_number(x: any) => result: boolean
            is_string(x: any) => result: boolean
            is_boolean(x: any) => result: boolean
            is_array(x: any) => result: boolean
            is_set(x: any) => result: boolean
            is_object(x: any) => result: boolean
            is_null(x: any) => result: boolean
            type_name(x: any) => type: string
            http.send(request: object[string: any]) => response: object[any: any]
            graphql.parse(query: any<string, object[any: any]>, schema: any<string, object[any: any]>) => output: array<object[any: any], object[any: any]>
            graphql.parse_and_verify(query: any<string, object[any: any]>, schema: any<string, object[any: any]>) => output: array<boolean, object[any: any], object[any: any]>
            graphql.parse_query(query: string) => output: object[any: any]
            graphql.parse_schema(schema: string) => output: object[any: any]
            graphql.is_valid(query: any<string, object[any: any]>, schema: any<string, object[any: any]>) => output: boolean
            graphql.schema_is_valid(schema: any<string, object[any: any]>) => output: boolean
            json.verify_schema(schema: any<string, object[any: any]>) => output: array<boolean, any<null, string>>
            json.match_schema(document: any<string, object[any: any]>, schema: any<string, object[any: any]>) => output: array<boolean, array[object<desc: string, error: string, field: string, type: string>]>
            providers.aws.sign_req(request: object[string: any], aws_config: object[string: any], time_ns: number) => signed_request: object[any: any]
            rego.parse_module(filename: string, rego: string) => output: object[string: any]
            rego.metadata.chain() => chain: array[any]
            rego.metadata.rule() => output: any
            opa.runtime() => output: object[string: any]
            trace(note: string) => result: boolean
            glob.match(pattern: string, delimiters: any<null, array[string]>, match: string) => result: boolean
            glob.quote_meta(pattern: string) => output: string
            net.cidr_intersects(cidr1: string, cidr2: string) => result: boolean
            net.cidr_expand(cidr: string) => hosts: set[string]
            net.cidr_contains(cidr: string, cidr_or_ip: string) => result: boolean
            net.cidr_contains_matches(cidrs: any<string, array[any<string, array[any]>], object[string: any<string, array[any]>], set[any<string, array[any]>]>, cidrs_or_ips: any<string, array[any<string, array[any]>], object[string: any<string, array[any]>], set[any<string, array[any]>]>) => output: set[array<any, any>]
            net.cidr_merge(addrs: any<array[any<string>], set[string]>) => output: set[string]
            net.cidr_is_valid(cidr: string) => result: boolean
            net.lookup_ip_addr(name: string) => addrs: set[string]
            semver.is_valid(vsn: any) => result: boolean
            semver.compare(a: string, b: string) => result: number
            print(...any)
            internal.print(array[set[any]])
            internal.test_case(array[any])
            internal.template_string(array[any]) => string
            set_diff(set[any], set[any]) => set[any]
            net.cidr_overlap(string, string) => boolean
            cast_array(any) => array[any]
            cast_set(any) => set[any]
            cast_string(any) => string
            cast_boolean(any) => boolean
            cast_null(any) => null
            cast_object(any) => object[any: any]
            re_match(string, string) => boolean
            all(any<array[any], set[any]>) => boolean
            any(any<array[any], set[any]>) => boolean
            """;

    private static final Map<String, FunctionType> BY_NAME = parse();

    private BuiltinDeclarations() {
    }

    private static Map<String, FunctionType> parse() {
        Map<String, FunctionType> m = new HashMap<>();
        for (String line : SIGNATURES.split("\n")) {
            if (!line.isBlank()) {
                TypeSyntax.Signature s = TypeSyntax.signature(line);
                m.put(s.name(), s.type());
            }
        }
        return Map.copyOf(m);
    }

    /** The declared signature of a builtin, or null when it has none. */
    public static FunctionType of(String name) {
        return BY_NAME.get(name);
    }
}
