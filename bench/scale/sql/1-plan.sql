-- The scale dataset's plan: vocabulary, users and chats (sizes, owners, time spans). Messages are not written here:
-- 2-window.sql writes them window by window in time order. Placeholders: {{messages}}, {{t0}}, {{t1}} (epoch s).
create schema if not exists scale;
select setseed(0.42);

-- Words by how often makers use them: the first of each kind are common, the tail is rare.
create table scale.words as
with kinds(kind, list) as (values
  ('stop', array['the','a','to','and','of','is','it','with','for','on','this','that','i','you','we','can','should',
    'will','be','in','at','so','but','if','my','your','then','when','or','not','do','does','have','has','from','into',
    'about','after','before','because','just','also','very','more','than','only','each','which','what','how']),
  ('verb', array['connect','wire','solder','power','measure','check','read','flash','upload','mount','test',
    'calibrate','debug','replace','add','use','set','drive','pull','ground','route','order','print','cut','drill',
    'configure','compile','tune','isolate','shield','seal','label','probe','scope','log','charge','discharge',
    'bias','decouple','terminate','sweep','clamp','buffer','filter','sample','average','stream','publish']),
  ('adj', array['loose','hot','noisy','stable','low','high','cheap','small','waterproof','wireless','analog',
    'digital','floating','shorted','open','weak','strong','tiny','outdoor','indoor','portable','quiet','fast','slow',
    'accurate','flaky','intermittent','warm','cold','bright','dim','thin','thick','rigid','flexible']),
  ('noun', array['sensor','board','voltage','pin','resistor','esp32','arduino','battery','motor','relay','led',
    'capacitor','current','circuit','code','library','module','display','i2c','spi','uart','gpio','pwm',
    'regulator','mosfet','diode','breadboard','firmware','serial','temperature','humidity','servo','stepper',
    'driver','enclosure','antenna','wifi','bluetooth','lora','solar','charger','lipo','usb','connector','header',
    'jumper','multimeter','oscilloscope','transistor','inductor','crystal','oscillator','buzzer','speaker',
    'microphone','camera','lcd','oled','encoder','potentiometer','switch','button','fuse','heatsink','thermistor',
    'photoresistor','accelerometer','gyroscope','magnetometer','gps','rtc','eeprom','sdcard','bootloader',
    'interrupt','timer','adc','dac','opamp','comparator','optocoupler','transformer','rectifier','buck','boost',
    'ldo','pcb','trace','via','footprint','schematic','gerber','stencil','reflow','flux','joint','solder',
    'rp2040','stm32','attiny','nrf52','raspberry','pico','teensy','bme280','dht22','ds18b20','hx711','ina219',
    'mpu6050','vl53l0x','sx1276','ws2812','neopixel','tp4056','mcp2515','can','rs485','modbus','mqtt','ota',
    'watchdog','brownout','ripple','ferrite','choke','varistor','zener','schottky','thermocouple','loadcell',
    'strain','gauge','hall','reed','pir','ultrasonic','lidar','infrared','uv','peltier','fan','pump','valve',
    'solenoid','actuator','gearbox','pulley','belt','bearing','shaft','coupler','bracket','standoff','screw',
    'nut','washer','spacer','gasket','grommet','conduit','terminal','busbar','ferrule','crimp','heatshrink',
    'silkscreen','soldermask','copper','plane','stackup','impedance','crosstalk','emi','esd','tvs','ground',
    'chassis','earth','neutral','mains','inverter','mppt','bms','balancer','cell','pack','wh','mah','lumen']))
select k.kind, w.word, w.ord
  from kinds k cross join lateral unnest(k.list) with ordinality as w(word, ord);

-- 60,000 sentences drawn from the words, Zipf-weighted within each kind; messages are made of these.
create table scale.kinds as select kind, count(*)::integer as size from scale.words group by kind;
create index on scale.words (kind, ord);
create table scale.sentences (id integer primary key, body text not null);
insert into scale.sentences
select s, upper(left(b.body, 1)) || substr(b.body, 2) || '.'
  from generate_series(1, 60000) s
  cross join lateral (
    select string_agg(x.word, ' ' order by t.pos) as body
      from (select pos, case (pos + s) % 4 when 0 then 'verb' when 1 then 'stop' when 2 then 'adj' else 'noun' end as kind,
                   power(random(), 2.2) as r
              from generate_series(1, 7 + (s % 9)) pos offset 0) t
      join scale.kinds k on k.kind = t.kind
      join scale.words x on x.kind = t.kind and x.ord = (1 + floor(t.r * k.size))::bigint
  ) b;
-- A phrase the search workload looks for ("solder joint"), in one sentence of fifty.
update scale.sentences set body = body || ' Reflow the cold solder joint.' where id % 50 = 7;

create table scale.users as
select i, md5('scale-user:' || i)::uuid as id from generate_series(1, 20000) i;
insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
select u.id, 'authenticated', 'authenticated', 'scale-' || u.i || '@ohm.local', now(), '{"provider":"email","providers":["email"]}',
       '{}', to_timestamp({{t0}}), to_timestamp({{t0}}), false
  from scale.users u on conflict do nothing;
insert into public.profiles (id, display_name) select u.id, 'Maker ' || u.i from scale.users u on conflict do nothing;

-- Chats: user 1 is the heavy user (200,000 messages in 2,000 chats, among them the chats the workloads open at
-- fixed lengths); user 20000 is a typical user with a few chats; everyone else draws chats from a long tail.
create table scale.chats (
  idx integer primary key,
  id uuid not null,
  user_idx integer not null,
  user_id uuid not null,
  n integer not null check (n >= 2),
  s double precision not null,
  step double precision not null,
  label text
);
create temporary table heavy_raw as
select g as k, 2 + 8 / power(greatest(random(), 1e-6), 1 / 1.1) as raw from generate_series(1, 1995) g;
insert into scale.chats (idx, id, user_idx, user_id, n, s, step, label)
select idx, md5('scale-chat:' || idx)::uuid, user_idx, md5('scale-user:' || user_idx)::uuid, n, 0, 0, label
  from (values (1, 1, 10, 'open-10'), (2, 1, 100, 'open-100'), (3, 1, 1000, 'open-1000'), (4, 1, 10000, 'open-10000'),
               (5, 1, 20000, 'open-20000'), (6, 2, 1000, 'shared-1000')) d(idx, user_idx, n, label)
union all
select 6 + k, md5('scale-chat:' || (6 + k))::uuid, 1, md5('scale-user:1')::uuid,
       greatest(2, least(20000, round(raw * (200000 - 31110) / sum(raw) over ())::integer)), 0, 0, null
  from heavy_raw
union all
select 2001 + k, md5('scale-chat:' || (2001 + k))::uuid, 20000, md5('scale-user:20000')::uuid, 20 + 5 * k, 0, 0, 'typical'
  from generate_series(1, 6) k;
-- The long tail: Pareto-sized chats (2 to 20,000 messages) for users 2..19999, the first users owning the most.
insert into scale.chats (idx, id, user_idx, user_id, n, s, step)
select 3000 + k, md5('scale-chat:' || (3000 + k))::uuid, u, md5('scale-user:' || u)::uuid, n, 0, 0
  from (
    select k, n, u, sum(n) over (order by k) as running
      from (select k, least(20000, floor(2 / power(greatest(random(), 1e-9), 1 / 1.1)))::integer as n,
                   2 + least(19997, floor(19998 * power(random(), 1.8)))::integer as u
              from generate_series(1, ({{messages}} - 201000) / 5) k) c
  ) r
 where running <= {{messages}} - (select sum(n) from scale.chats);
-- The cut above stops at the first chat that would overshoot: one more chat makes up the difference.
insert into scale.chats (idx, id, user_idx, user_id, n, s, step)
select max(idx) + 1, md5('scale-chat:' || (max(idx) + 1))::uuid, 2, md5('scale-user:2')::uuid, {{messages}} - sum(n), 0, 0
  from scale.chats having {{messages}} - sum(n) >= 2;
-- Time spans: a chat starts anywhere in the two years and lasts from minutes to months, busier chats longer.
update scale.chats c
   set s = t.s, step = least({{t1}} - t.s, c.n * 60.0 * (1 + 30 * random())) / (c.n - 1)
  from (select idx, {{t0}} + random() * ({{t1}} - {{t0}} - 3600) as s from scale.chats) t
 where t.idx = c.idx;
create index on scale.chats (s);

insert into public.chats (id, user_id, title, last_message_at, message_count, last_sequence_number, active_leaf_id, created_at, updated_at)
select c.id, c.user_id,
       coalesce('Scale ' || c.label, initcap((select string_agg(w, ' ') from (select unnest(string_to_array(se.body, ' ')) w limit 5) x))),
       to_timestamp(c.s + (c.n - 1) * c.step), c.n, c.n, md5(c.idx || ':' || c.n)::uuid, to_timestamp(c.s),
       to_timestamp(c.s + (c.n - 1) * c.step)
  from scale.chats c
  join scale.sentences se on se.id = 1 + c.idx % 60000
 order by c.s;
