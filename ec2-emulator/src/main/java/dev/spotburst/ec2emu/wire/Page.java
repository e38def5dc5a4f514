package dev.spotburst.ec2emu.wire;

import dev.spotburst.ec2emu.core.Ec2ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * MaxResults / NextToken pagination over an already filtered, stably ordered list. The token is opaque to clients
 * (base64 of the offset, tied to the action so a token from one call is rejected by another).
 */
public record Page<T>(List<T> items, String nextToken) {

    public static <T> Page<T> of(List<T> all, QueryParams p, String action, int min, int max) {
        Integer maxResults = p.integer("MaxResults").orElse(null);
        if (maxResults != null && (maxResults < min || maxResults > max)) {
            throw Ec2ApiException.invalidValue("MaxResults", String.valueOf(maxResults),
                    "Expected a value between " + min + " and " + max + ".");
        }
        int offset = p.opt("NextToken").map(t -> decode(t, action)).orElse(0);
        if (offset > all.size()) {
            offset = all.size();
        }
        if (maxResults == null) {
            return new Page<>(List.copyOf(all.subList(offset, all.size())), null);
        }
        int end = Math.min(all.size(), offset + maxResults);
        String next = end < all.size() ? encode(end, action) : null;
        return new Page<>(List.copyOf(all.subList(offset, end)), next);
    }

    private static String encode(int offset, String action) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((action + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token, String action) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith(action + ":")) {
                throw new IllegalArgumentException();
            }
            int n = Integer.parseInt(s.substring(action.length() + 1));
            if (n < 0) {
                throw new IllegalArgumentException();
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw new Ec2ApiException("InvalidNextToken", "The specified NextToken is not valid: " + token);
        }
    }
}
