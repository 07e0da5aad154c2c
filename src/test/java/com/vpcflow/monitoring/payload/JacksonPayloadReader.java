package com.vpcflow.monitoring.payload;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.vpcflow.monitoring.metrics.SkipReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference {@link PayloadJsonReader} is compared with: the decoder's former reading of the payload JSON with
 * Jackson's streaming parser, as it was.
 */
final class JacksonPayloadReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JacksonPayloadReader() {}

    static SubscriptionPayload read(byte[] json) throws BadPayloadException {
        DecodedPayload out = new DecodedPayload();
        try (JsonParser parser = JSON.createParser(json)) {
            parsePayload(parser, out);
            if (parser.nextToken() != null) {
                throw new BadPayloadException(SkipReason.BAD_JSON, "content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new BadPayloadException(SkipReason.BAD_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadPayloadException(SkipReason.BAD_JSON, String.valueOf(e.getMessage()));
        }
        return out.toSubscriptionPayload();
    }

    private static void parsePayload(JsonParser p, DecodedPayload out) throws IOException, BadPayloadException {
        expect(p.nextToken(), JsonToken.START_OBJECT, "payload is not a JSON object");
        boolean hasEvents = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "messageType":
                    out.messageType = text(p, value, field);
                    break;
                case "owner":
                    out.owner = text(p, value, field);
                    break;
                case "logGroup":
                    out.logGroup = text(p, value, field);
                    break;
                case "logStream":
                    out.logStream = text(p, value, field);
                    break;
                case "subscriptionFilters":
                    out.subscriptionFilters = stringArray(p, value);
                    break;
                case "logEvents":
                    out.events.clear(); // a repeated field: the last one counts
                    logEvents(p, value, out.events);
                    hasEvents = true;
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (out.messageType == null) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, "no messageType");
        }
        if (!hasEvents && !SubscriptionPayload.CONTROL_MESSAGE.equals(out.messageType)) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, "no logEvents");
        }
    }

    /** Each event's id and message are copied from the parser's buffer into {@code out}'s: no string per event. */
    private static void logEvents(JsonParser p, JsonToken token, LogEvents out)
            throws IOException, BadPayloadException {
        expect(token, JsonToken.START_ARRAY, "logEvents is not an array");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int idStart = -1, idEnd = -1, messageStart = -1, messageEnd = -1;
            long timestamp = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id":
                        if (value == JsonToken.VALUE_NULL) {
                            idStart = idEnd = -1;
                            break;
                        }
                        if (value != JsonToken.VALUE_NUMBER_INT)
                            expect(value, JsonToken.VALUE_STRING, "id is not a string");
                        idStart = out.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        idEnd = out.length();
                        break;
                    case "timestamp":
                        expect(value, JsonToken.VALUE_NUMBER_INT, "logEvents[].timestamp is not an integer");
                        timestamp = p.getLongValue();
                        break;
                    case "message":
                        if (value == JsonToken.VALUE_NULL) {
                            messageStart = messageEnd = -1;
                            break;
                        }
                        expect(value, JsonToken.VALUE_STRING, "message is not a string");
                        messageStart = out.append(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                        messageEnd = out.length();
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (messageStart < 0) {
                throw new BadPayloadException(SkipReason.WRONG_SHAPE, "a log event has no message");
            }
            out.add(idStart, idEnd, timestamp, messageStart, messageEnd);
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, "logEvents holds something other than objects");
    }

    private static List<String> stringArray(JsonParser p, JsonToken token) throws IOException, BadPayloadException {
        expect(token, JsonToken.START_ARRAY, "subscriptionFilters is not an array");
        List<String> values = new ArrayList<>(1);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(p.getText());
        }
        expect(t, JsonToken.END_ARRAY, "subscriptionFilters holds something other than strings");
        return values;
    }

    private static String text(JsonParser p, JsonToken token, String field) throws IOException, BadPayloadException {
        if (token == JsonToken.VALUE_NULL) return null;
        expect(token, JsonToken.VALUE_STRING, field + " is not a string");
        return p.getText();
    }

    private static void expect(JsonToken actual, JsonToken expected, String problem) throws BadPayloadException {
        if (actual != expected) {
            throw new BadPayloadException(SkipReason.WRONG_SHAPE, problem);
        }
    }
}
