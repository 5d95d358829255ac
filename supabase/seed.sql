-- Demo data: the seed document's ESP32 weather-station story for demo@ohm.local (password: demo-password).
-- Runs as postgres after the migrations; the database assigns numbers, owners and counters as it does for the app.
insert into auth.users (id, instance_id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
                        raw_user_meta_data, created_at, updated_at, is_anonymous)
values ('d0d0d0d0-0000-4000-8000-000000000001', '00000000-0000-0000-0000-000000000000', 'authenticated', 'authenticated',
        'demo@ohm.local', extensions.crypt('demo-password', extensions.gen_salt('bf', 10)), now(),
        '{"provider":"email","providers":["email"]}', '{"name":"Demo Maker"}', now(), now(), false);
insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values ('d0d0d0d0-0000-4000-8000-000000000001', 'd0d0d0d0-0000-4000-8000-000000000001',
        '{"sub":"d0d0d0d0-0000-4000-8000-000000000001","email":"demo@ohm.local","email_verified":true,"phone_verified":false}',
        'email', now(), now(), now());

insert into public.projects (id, user_id, name, description, category, goal, location, target_budget, currency, current_step, workflow_steps, status)
values ('d0d0d0d0-0000-4000-8000-0000000000a1', 'd0d0d0d0-0000-4000-8000-000000000001', 'ESP32 weather station',
        'A battery-friendly weather station that reports temperature, humidity and pressure over Wi-Fi.',
        'environmental sensing', 'Log indoor and balcony weather every 5 minutes', 'balcony', 45.00, 'USD', 2,
        '["ideation","parts","assembly","code"]', 'active');

insert into public.chats (id, user_id, project_id, title, current_phase)
values ('d0d0d0d0-0000-4000-8000-0000000000c1', 'd0d0d0d0-0000-4000-8000-000000000001', 'd0d0d0d0-0000-4000-8000-0000000000a1',
        'New chat', 'parts');

insert into public.messages (id, chat_id, role, content) values
  ('d0d0d0d0-0000-4000-8000-0000000000e1', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'user', 'Build an ESP32 weather station');
insert into public.messages (id, chat_id, role, content, agent_name, agent_model, agent_icon, intent, input_tokens, output_tokens) values
  ('d0d0d0d0-0000-4000-8000-0000000000e2', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'assistant',
   'Routing to the conversational agent to shape the project context.', 'orchestrator', 'openai/gpt-4o-mini', '🧭', 'CHAT', 85, 24);
insert into public.messages (id, chat_id, role, content, agent_name, agent_model, agent_icon, intent, input_tokens, output_tokens) values
  ('d0d0d0d0-0000-4000-8000-0000000000e3', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'assistant',
   E'Great project! Here is the **project context**: an ESP32 reads a DHT22 every 5 minutes and posts readings over Wi-Fi.\n\nWhere will it live, and how will you power it?',
   'conversational', 'anthropic/claude-sonnet-4-5', '💬', 'CHAT', 412, 230);
insert into public.messages (id, chat_id, role, content) values
  ('d0d0d0d0-0000-4000-8000-0000000000e4', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'user', 'Add BME280 sensor for pressure too');
insert into public.messages (id, chat_id, role, content, agent_name, agent_model, agent_icon, intent, input_tokens, output_tokens) values
  ('d0d0d0d0-0000-4000-8000-0000000000e5', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'assistant',
   'Updated the context: the BME280 adds barometric pressure over I2C (address 0x76).', 'conversational', 'anthropic/claude-sonnet-4-5', '💬', 'CONTEXT', 655, 180);
insert into public.messages (id, chat_id, role, content) values
  ('d0d0d0d0-0000-4000-8000-0000000000e6', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'user', 'Generate BOM');
insert into public.messages (id, chat_id, role, content, agent_name, agent_model, agent_icon, intent, input_tokens, output_tokens) values
  ('d0d0d0d0-0000-4000-8000-0000000000e7', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'assistant',
   E'Here is the bill of materials:\n\n| Part | Qty | Price |\n|---|---|---|\n| ESP32-DevKitC | 1 | $12.99 |\n| DHT22 | 1 | $9.95 |\n| SSD1306 0.96" OLED | 1 | $6.49 |',
   'bomGenerator', 'anthropic/claude-opus-4-5', '🧾', 'BOM', 980, 310);
insert into public.messages (id, chat_id, role, content) values
  ('d0d0d0d0-0000-4000-8000-0000000000e8', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'user', 'Replace DHT22 with BME280');
insert into public.messages (id, chat_id, role, content, agent_name, agent_model, agent_icon, intent, input_tokens, output_tokens) values
  ('d0d0d0d0-0000-4000-8000-0000000000e9', 'd0d0d0d0-0000-4000-8000-0000000000c1', 'assistant',
   'Done: the BME280 replaces the DHT22 (better accuracy, adds pressure, shares the I2C bus with the OLED). Wiring and firmware are ready.',
   'bomGenerator', 'anthropic/claude-opus-4-5', '🧾', 'BOM', 1320, 540);

do $$
declare
  context_id uuid;
  bom_id uuid;
  bom_v2 public.artifact_versions;
  esp32 uuid;
  bme280 uuid;
  oled uuid;
begin
  context_id := public.create_artifact_with_version(
    'd0d0d0d0-0000-4000-8000-0000000000c1', 'd0d0d0d0-0000-4000-8000-0000000000a1', 'context', 'Project context',
    E'# ESP32 weather station\n\n- Sensors: DHT22 (temperature, humidity)\n- Reports every 5 minutes over Wi-Fi', null,
    'd0d0d0d0-0000-4000-8000-0000000000e3');
  perform public.add_artifact_version(context_id, 1,
    E'# ESP32 weather station\n\n- Sensors: DHT22 (temperature, humidity), BME280 (pressure)\n- Reports every 5 minutes over Wi-Fi', null,
    'Add BME280', 'd0d0d0d0-0000-4000-8000-0000000000e5');

  bom_id := public.create_artifact_with_version(
    'd0d0d0d0-0000-4000-8000-0000000000c1', 'd0d0d0d0-0000-4000-8000-0000000000a1', 'bom', 'Weather Station BOM', null,
    '{"components":[{"name":"ESP32-DevKitC","qty":1,"price":12.99},{"name":"DHT22","qty":1,"price":9.95},{"name":"SSD1306 0.96\" OLED","qty":1,"price":6.49}]}',
    'd0d0d0d0-0000-4000-8000-0000000000e7');
  bom_v2 := public.add_artifact_version(bom_id, 1, null,
    '{"components":[{"name":"ESP32-DevKitC","qty":1,"price":12.99},{"name":"BME280","qty":1,"price":7.99},{"name":"SSD1306 0.96\" OLED","qty":1,"price":6.49}]}',
    'Replace DHT22 with BME280', 'd0d0d0d0-0000-4000-8000-0000000000e9');

  insert into public.parts (project_id, artifact_id, artifact_version_id, user_id, name, part_number, manufacturer, quantity, voltage, interface_type, price, supplier, specs)
  values ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 'ESP32-DevKitC', 'ESP32-DEVKITC-32E', 'Espressif', 1, '3.3V', 'MCU', 12.99, 'DigiKey', '{"wifi":true,"bluetooth":true}')
  returning id into esp32;
  insert into public.parts (project_id, artifact_id, artifact_version_id, user_id, name, part_number, manufacturer, quantity, voltage, interface_type, price, supplier, specs, alternatives)
  values ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 'BME280', 'BME280', 'Bosch', 1, '3.3V', 'I2C', 7.99, 'Adafruit', '{"i2c_address":"0x76"}', '[{"name":"DHT22","reason":"cheaper, no pressure"}]')
  returning id into bme280;
  insert into public.parts (project_id, artifact_id, artifact_version_id, user_id, name, manufacturer, quantity, voltage, interface_type, price, supplier, specs)
  values ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 'SSD1306 0.96" OLED', 'Solomon Systech', 1, '3.3V', 'I2C', 6.49, 'Amazon', '{"i2c_address":"0x3C"}')
  returning id into oled;

  insert into public.connections (project_id, artifact_id, artifact_version_id, user_id, sequence_number, from_part_id, from_pin, from_pin_type, to_part_id, to_pin, to_pin_type, voltage, signal_type, wire_color) values
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 1, esp32, '3V3', 'power', bme280, 'VIN', 'power', '3.3V', 'power', 'red'),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 2, esp32, 'GND', 'ground', bme280, 'GND', 'ground', '0V', 'ground', 'black'),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 3, esp32, 'GPIO21', 'digital', bme280, 'SDA', 'i2c', '3.3V', 'I2C SDA', 'blue'),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 4, esp32, 'GPIO22', 'digital', bme280, 'SCL', 'i2c', '3.3V', 'I2C SCL', 'yellow'),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 5, esp32, 'GPIO21', 'digital', oled, 'SDA', 'i2c', '3.3V', 'I2C SDA', 'blue'),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 6, esp32, 'GPIO22', 'digital', oled, 'SCL', 'i2c', '3.3V', 'I2C SCL', 'yellow');

  insert into public.code_files (project_id, artifact_id, artifact_version_id, user_id, filename, language, platform, content, unit_number, required_libraries, is_production_ready) values
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 'unit1_calibration.ino', 'cpp', 'esp32',
     E'// Unit 1: find the BME280 on the I2C bus and print raw readings\n#include <Wire.h>\n#include <Adafruit_BME280.h>\nAdafruit_BME280 bme;\nvoid setup() { Serial.begin(115200); Serial.println(bme.begin(0x76) ? "BME280 found" : "BME280 missing"); }\nvoid loop() { Serial.println(bme.readTemperature()); delay(2000); }\n',
     1, '{"Adafruit BME280 Library","Adafruit Unified Sensor"}', false),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 'unit2_minimal.ino', 'cpp', 'esp32',
     E'// Unit 2: readings on the OLED every 5 seconds\n', 2, '{"Adafruit BME280 Library","Adafruit SSD1306"}', false),
    ('d0d0d0d0-0000-4000-8000-0000000000a1', bom_id, bom_v2.id, 'd0d0d0d0-0000-4000-8000-000000000001', 'unit3_full.ino', 'cpp', 'esp32',
     E'// Unit 3: Wi-Fi upload every 5 minutes with deep sleep between readings\n', 3, '{"Adafruit BME280 Library","Adafruit SSD1306","WiFi","HTTPClient"}', true);
end;
$$;

insert into public.attachments (chat_id, message_id, user_id, filename, file_type, file_size, storage_path, category, is_processed, processing_status)
values ('d0d0d0d0-0000-4000-8000-0000000000c1', 'd0d0d0d0-0000-4000-8000-0000000000e8', 'd0d0d0d0-0000-4000-8000-000000000001',
        'breadboard.jpg', 'image/jpeg', 482133,
        'd0d0d0d0-0000-4000-8000-000000000001/d0d0d0d0-0000-4000-8000-0000000000c1/7f3c9a10-breadboard.jpg', 'circuit_image', true, 'done');
