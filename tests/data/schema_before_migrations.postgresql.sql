-- The schema of release 3ce4b78 (before migrations: made by create_all), filled by `girou demo`
-- (GIS features cut to two per layer version). tests/test_migrations.py upgrades it to head.

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.bot_processed_events (
    event_id character varying(255) NOT NULL,
    room_id character varying(255) NOT NULL,
    processed_at timestamp without time zone NOT NULL
);

CREATE TABLE public.bot_state (
    key character varying(64) NOT NULL,
    value text NOT NULL
);

CREATE TABLE public.childcare_activities (
    id integer NOT NULL,
    centre_key character varying(64) NOT NULL,
    title character varying(200) NOT NULL,
    description text NOT NULL,
    age_min integer NOT NULL,
    age_max integer NOT NULL,
    created_at timestamp without time zone NOT NULL,
    CONSTRAINT ck_childcare_activity_ages CHECK ((age_min <= age_max))
);

CREATE SEQUENCE public.childcare_activities_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_activities_id_seq OWNED BY public.childcare_activities.id;

CREATE TABLE public.childcare_allocations (
    id integer NOT NULL,
    period_id integer NOT NULL,
    seed character varying(64) NOT NULL,
    rules json NOT NULL,
    decisions json NOT NULL,
    requests integer NOT NULL,
    places_given integer NOT NULL,
    waitlisted integer NOT NULL,
    created_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.childcare_allocations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_allocations_id_seq OWNED BY public.childcare_allocations.id;

CREATE TABLE public.childcare_api_tokens (
    id integer NOT NULL,
    family_id integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    expires_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.childcare_api_tokens_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_api_tokens_id_seq OWNED BY public.childcare_api_tokens.id;

CREATE TABLE public.childcare_centres (
    key character varying(64) NOT NULL,
    name character varying(200) NOT NULL,
    commune_insee character varying(5) NOT NULL,
    address character varying(300) NOT NULL
);

CREATE TABLE public.childcare_children (
    id integer NOT NULL,
    family_id integer NOT NULL,
    first_name character varying(100) NOT NULL,
    last_name character varying(100) NOT NULL,
    birth_date date NOT NULL,
    school_level character varying(20),
    pai_flag boolean NOT NULL,
    created_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.childcare_children_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_children_id_seq OWNED BY public.childcare_children.id;

CREATE TABLE public.childcare_documents (
    id integer NOT NULL,
    family_id integer NOT NULL,
    kind character varying(20) NOT NULL,
    path character varying(300) NOT NULL,
    size integer NOT NULL,
    uploaded_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.childcare_documents_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_documents_id_seq OWNED BY public.childcare_documents.id;

CREATE TABLE public.childcare_families (
    id integer NOT NULL,
    email character varying(320) NOT NULL,
    password_hash character varying(255) NOT NULL,
    name character varying(200) NOT NULL,
    commune_insee character varying(5) NOT NULL,
    resident boolean NOT NULL,
    email_verified boolean NOT NULL,
    email_verification_hash character varying(64),
    quotient integer,
    single_parent boolean NOT NULL,
    parent1_works boolean NOT NULL,
    parent2_works boolean NOT NULL,
    created_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.childcare_families_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_families_id_seq OWNED BY public.childcare_families.id;

CREATE TABLE public.childcare_periods (
    id integer NOT NULL,
    slug character varying(100) NOT NULL,
    name character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    school_year character varying(9) NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    opens_at timestamp without time zone NOT NULL,
    residents_open_at timestamp without time zone,
    closes_at timestamp without time zone NOT NULL,
    allocation_mode character varying(16) NOT NULL,
    priority_rules json NOT NULL,
    lottery_seed character varying(64),
    allocated_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    CONSTRAINT ck_childcare_period_dates CHECK ((starts_on <= ends_on)),
    CONSTRAINT ck_childcare_period_opening CHECK ((opens_at < closes_at))
);

CREATE SEQUENCE public.childcare_periods_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_periods_id_seq OWNED BY public.childcare_periods.id;

CREATE TABLE public.childcare_prices (
    id integer NOT NULL,
    period_id integer,
    quotient_max integer,
    duration character varying(10) NOT NULL,
    amount_cents integer NOT NULL
);

CREATE SEQUENCE public.childcare_prices_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_prices_id_seq OWNED BY public.childcare_prices.id;

CREATE TABLE public.childcare_refusal_prompts (
    id integer NOT NULL,
    registration_id integer NOT NULL,
    secretary character varying(255) NOT NULL,
    alert_event_id character varying(255) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    closed_at timestamp without time zone
);

CREATE SEQUENCE public.childcare_refusal_prompts_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_refusal_prompts_id_seq OWNED BY public.childcare_refusal_prompts.id;

CREATE TABLE public.childcare_registration_sessions (
    id integer NOT NULL,
    registration_id integer NOT NULL,
    session_id integer NOT NULL,
    child_id integer NOT NULL,
    status character varying(16) NOT NULL,
    waitlist_rank integer
);

CREATE SEQUENCE public.childcare_registration_sessions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_registration_sessions_id_seq OWNED BY public.childcare_registration_sessions.id;

CREATE TABLE public.childcare_registrations (
    id integer NOT NULL,
    family_id integer NOT NULL,
    child_id integer NOT NULL,
    period_id integer NOT NULL,
    status character varying(16) NOT NULL,
    idempotency_key character varying(255) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    public_code character varying(16) NOT NULL,
    reason text,
    decided_by character varying(255),
    decided_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE public.childcare_registrations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_registrations_id_seq OWNED BY public.childcare_registrations.id;

CREATE TABLE public.childcare_sessions (
    id integer NOT NULL,
    activity_id integer NOT NULL,
    period_id integer NOT NULL,
    date date NOT NULL,
    slot character varying(10) NOT NULL,
    capacity integer NOT NULL,
    places_taken integer NOT NULL,
    waitlist_length integer NOT NULL,
    CONSTRAINT ck_childcare_session_places CHECK (((places_taken >= 0) AND (places_taken <= capacity))),
    CONSTRAINT ck_childcare_session_waitlist CHECK ((waitlist_length >= 0))
);

CREATE SEQUENCE public.childcare_sessions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.childcare_sessions_id_seq OWNED BY public.childcare_sessions.id;

CREATE TABLE public.component_health (
    component character varying(120) NOT NULL,
    ok boolean NOT NULL,
    last_success_at timestamp without time zone,
    last_failure_at timestamp without time zone,
    last_error text,
    failing_since timestamp without time zone,
    alerted_for timestamp without time zone
);

CREATE TABLE public.content_pages (
    slug character varying(64) NOT NULL,
    title character varying(200) NOT NULL,
    body text NOT NULL,
    search_text text NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    updated_by character varying(255) NOT NULL
);

CREATE TABLE public.dila_sheets (
    pk integer NOT NULL,
    id character varying(20) NOT NULL,
    type text NOT NULL,
    sp_url text NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    modified date,
    audience character varying(20) NOT NULL,
    audiences json NOT NULL,
    theme_id character varying(20),
    theme_title text,
    themes json NOT NULL,
    folder_id character varying(20),
    folder_title text,
    siblings json NOT NULL,
    breadcrumb json NOT NULL,
    links json NOT NULL,
    body_html text NOT NULL,
    xml text NOT NULL,
    content_hash character varying(64) NOT NULL,
    renderer_version integer NOT NULL,
    imported_at timestamp without time zone NOT NULL,
    search_title text NOT NULL,
    search_body text NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('simple'::regconfig, COALESCE(search_title, ''::text)), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, COALESCE(search_body, ''::text)), 'B'::"char"))) STORED
);

CREATE SEQUENCE public.dila_sheets_pk_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.dila_sheets_pk_seq OWNED BY public.dila_sheets.pk;

CREATE TABLE public.dila_sources (
    source character varying(1000) NOT NULL,
    etag text,
    last_modified character varying(100),
    fingerprint character varying(64),
    checked_at timestamp without time zone,
    imported_at timestamp without time zone,
    last_result text
);

CREATE TABLE public.directory_entries (
    id integer NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    search_title text NOT NULL,
    search_body text NOT NULL,
    name character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    category character varying(100) NOT NULL,
    commune character varying(5) NOT NULL,
    address character varying(300) NOT NULL,
    email character varying(320) NOT NULL,
    phone character varying(30) NOT NULL,
    website character varying(300) NOT NULL,
    description text NOT NULL,
    lon double precision,
    lat double precision,
    logo_type character varying(30),
    logo bytea,
    search_vector tsvector GENERATED ALWAYS AS ((setweight(to_tsvector('simple'::regconfig, COALESCE(search_title, ''::text)), 'A'::"char") || setweight(to_tsvector('simple'::regconfig, COALESCE(search_body, ''::text)), 'B'::"char"))) STORED
);

CREATE SEQUENCE public.directory_entries_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.directory_entries_id_seq OWNED BY public.directory_entries.id;

CREATE TABLE public.directory_submissions (
    id integer NOT NULL,
    entry_id integer,
    status character varying(16) NOT NULL,
    submitter_name character varying(200) NOT NULL,
    submitter_email character varying(320) NOT NULL,
    note text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    decided_at timestamp without time zone,
    decided_by character varying(255),
    reason text,
    published_entry_id integer,
    name character varying(200) NOT NULL,
    kind character varying(20) NOT NULL,
    category character varying(100) NOT NULL,
    commune character varying(5) NOT NULL,
    address character varying(300) NOT NULL,
    email character varying(320) NOT NULL,
    phone character varying(30) NOT NULL,
    website character varying(300) NOT NULL,
    description text NOT NULL,
    lon double precision,
    lat double precision,
    logo_type character varying(30),
    logo bytea
);

CREATE SEQUENCE public.directory_submissions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.directory_submissions_id_seq OWNED BY public.directory_submissions.id;

CREATE TABLE public.gis_features (
    id integer NOT NULL,
    version_id integer NOT NULL,
    "position" integer NOT NULL,
    fid character varying(255) NOT NULL,
    partition character varying(64),
    properties json NOT NULL,
    geometry bytea NOT NULL
);

CREATE SEQUENCE public.gis_features_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.gis_features_id_seq OWNED BY public.gis_features.id;

CREATE TABLE public.gis_layer_versions (
    id integer NOT NULL,
    layer character varying(32) NOT NULL,
    number integer NOT NULL,
    sha256 character varying(64) NOT NULL,
    filename character varying(255) NOT NULL,
    feature_count integer NOT NULL,
    imported_by character varying(255) NOT NULL,
    imported_at timestamp without time zone NOT NULL,
    demo boolean NOT NULL,
    manifest json NOT NULL,
    diff json NOT NULL
);

CREATE SEQUENCE public.gis_layer_versions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.gis_layer_versions_id_seq OWNED BY public.gis_layer_versions.id;

CREATE TABLE public.hook_tokens (
    id integer NOT NULL,
    room_key character varying(255) NOT NULL,
    token_hash character varying(64) NOT NULL,
    label character varying(200) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    revoked_at timestamp without time zone
);

CREATE SEQUENCE public.hook_tokens_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.hook_tokens_id_seq OWNED BY public.hook_tokens.id;

CREATE TABLE public.mail_queue (
    id integer NOT NULL,
    recipient character varying(320) NOT NULL,
    subject character varying(255) NOT NULL,
    body text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    sent_at timestamp without time zone,
    attempts integer NOT NULL,
    last_error text,
    refused_since timestamp without time zone,
    dead_at timestamp without time zone
);

CREATE SEQUENCE public.mail_queue_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.mail_queue_id_seq OWNED BY public.mail_queue.id;

CREATE TABLE public.mairies (
    insee character varying(5) NOT NULL,
    name character varying(500) NOT NULL,
    record_id character varying(500) NOT NULL,
    addresses json NOT NULL,
    phones json NOT NULL,
    emails json NOT NULL,
    websites json NOT NULL,
    hours json NOT NULL,
    modified character varying(500) NOT NULL,
    imported_at timestamp without time zone NOT NULL
);

CREATE TABLE public.matrix_rooms (
    key character varying(100) NOT NULL,
    room_id character varying(255) NOT NULL,
    name character varying(255) NOT NULL
);

CREATE TABLE public.news (
    id integer NOT NULL,
    title character varying(200) NOT NULL,
    summary character varying(500) NOT NULL,
    body text NOT NULL,
    search_text text NOT NULL,
    published_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    author character varying(255) NOT NULL
);

CREATE SEQUENCE public.news_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.news_id_seq OWNED BY public.news.id;

CREATE TABLE public.outbox (
    id integer NOT NULL,
    kind character varying(64) NOT NULL,
    room_key character varying(100) NOT NULL,
    payload json NOT NULL,
    source_id character varying(255) NOT NULL,
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp without time zone,
    last_error text,
    room_id character varying(255),
    event_id character varying(255),
    created_at timestamp without time zone NOT NULL,
    sent_at timestamp without time zone
);

CREATE SEQUENCE public.outbox_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.outbox_id_seq OWNED BY public.outbox.id;

CREATE TABLE public.rate_windows (
    key character varying(255) NOT NULL,
    window_start timestamp without time zone NOT NULL,
    hits integer NOT NULL
);

CREATE TABLE public.source_state (
    key character varying(255) NOT NULL,
    value json NOT NULL
);

ALTER TABLE ONLY public.childcare_activities ALTER COLUMN id SET DEFAULT nextval('public.childcare_activities_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_allocations ALTER COLUMN id SET DEFAULT nextval('public.childcare_allocations_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_api_tokens ALTER COLUMN id SET DEFAULT nextval('public.childcare_api_tokens_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_children ALTER COLUMN id SET DEFAULT nextval('public.childcare_children_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_documents ALTER COLUMN id SET DEFAULT nextval('public.childcare_documents_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_families ALTER COLUMN id SET DEFAULT nextval('public.childcare_families_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_periods ALTER COLUMN id SET DEFAULT nextval('public.childcare_periods_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_prices ALTER COLUMN id SET DEFAULT nextval('public.childcare_prices_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_refusal_prompts ALTER COLUMN id SET DEFAULT nextval('public.childcare_refusal_prompts_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_registration_sessions ALTER COLUMN id SET DEFAULT nextval('public.childcare_registration_sessions_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_registrations ALTER COLUMN id SET DEFAULT nextval('public.childcare_registrations_id_seq'::regclass);

ALTER TABLE ONLY public.childcare_sessions ALTER COLUMN id SET DEFAULT nextval('public.childcare_sessions_id_seq'::regclass);

ALTER TABLE ONLY public.dila_sheets ALTER COLUMN pk SET DEFAULT nextval('public.dila_sheets_pk_seq'::regclass);

ALTER TABLE ONLY public.directory_entries ALTER COLUMN id SET DEFAULT nextval('public.directory_entries_id_seq'::regclass);

ALTER TABLE ONLY public.directory_submissions ALTER COLUMN id SET DEFAULT nextval('public.directory_submissions_id_seq'::regclass);

ALTER TABLE ONLY public.gis_features ALTER COLUMN id SET DEFAULT nextval('public.gis_features_id_seq'::regclass);

ALTER TABLE ONLY public.gis_layer_versions ALTER COLUMN id SET DEFAULT nextval('public.gis_layer_versions_id_seq'::regclass);

ALTER TABLE ONLY public.hook_tokens ALTER COLUMN id SET DEFAULT nextval('public.hook_tokens_id_seq'::regclass);

ALTER TABLE ONLY public.mail_queue ALTER COLUMN id SET DEFAULT nextval('public.mail_queue_id_seq'::regclass);

ALTER TABLE ONLY public.news ALTER COLUMN id SET DEFAULT nextval('public.news_id_seq'::regclass);

ALTER TABLE ONLY public.outbox ALTER COLUMN id SET DEFAULT nextval('public.outbox_id_seq'::regclass);

INSERT INTO public.childcare_activities VALUES (1, 'alsh-verfeil', 'Éveil et jeux', 'Jeux d’éveil, comptines, motricité et sieste pour les plus petits.', 3, 5, '2026-12-04 18:38:45.066321');
INSERT INTO public.childcare_activities VALUES (2, 'alsh-verfeil', 'Sports collectifs', 'Initiation aux sports d’équipe, jeux de ballon et d’adresse.', 6, 11, '2026-12-04 18:38:45.069367');
INSERT INTO public.childcare_activities VALUES (3, 'alsh-verfeil', 'Ateliers nature', 'Découverte du jardin, cabanes, petites bêtes et land art.', 6, 11, '2026-12-04 18:38:45.072451');
INSERT INTO public.childcare_activities VALUES (4, 'alsh-verfeil', 'Théâtre et expression', 'Improvisation, mime et petite représentation en fin de cycle.', 8, 12, '2026-12-04 18:38:45.076449');
INSERT INTO public.childcare_activities VALUES (5, 'alsh-verfeil', 'Ados : projets et sorties', 'Projets choisis par le groupe, sorties et veillées.', 11, 14, '2026-12-04 18:38:45.077943');
INSERT INTO public.childcare_activities VALUES (6, 'alsh-montastruc', 'Éveil et jeux', 'Jeux d’éveil, comptines, motricité et sieste pour les plus petits.', 3, 5, '2026-12-04 18:38:45.079595');
INSERT INTO public.childcare_activities VALUES (7, 'alsh-montastruc', 'Sports collectifs', 'Initiation aux sports d’équipe, jeux de ballon et d’adresse.', 6, 11, '2026-12-04 18:38:45.081527');
INSERT INTO public.childcare_activities VALUES (8, 'alsh-montastruc', 'Ateliers nature', 'Découverte du jardin, cabanes, petites bêtes et land art.', 6, 11, '2026-12-04 18:38:45.082944');
INSERT INTO public.childcare_activities VALUES (9, 'alsh-montastruc', 'Théâtre et expression', 'Improvisation, mime et petite représentation en fin de cycle.', 8, 12, '2026-12-04 18:38:45.084809');
INSERT INTO public.childcare_activities VALUES (10, 'alsh-montastruc', 'Ados : projets et sorties', 'Projets choisis par le groupe, sorties et veillées.', 11, 14, '2026-12-04 18:38:45.086711');
INSERT INTO public.childcare_activities VALUES (11, 'alsh-gragnague', 'Éveil et jeux', 'Jeux d’éveil, comptines, motricité et sieste pour les plus petits.', 3, 5, '2026-12-04 18:38:45.088315');
INSERT INTO public.childcare_activities VALUES (12, 'alsh-gragnague', 'Sports collectifs', 'Initiation aux sports d’équipe, jeux de ballon et d’adresse.', 6, 11, '2026-12-04 18:38:45.089983');
INSERT INTO public.childcare_activities VALUES (13, 'alsh-gragnague', 'Ateliers nature', 'Découverte du jardin, cabanes, petites bêtes et land art.', 6, 11, '2026-12-04 18:38:45.090865');
INSERT INTO public.childcare_activities VALUES (14, 'alsh-gragnague', 'Théâtre et expression', 'Improvisation, mime et petite représentation en fin de cycle.', 8, 12, '2026-12-04 18:38:45.091584');
INSERT INTO public.childcare_activities VALUES (15, 'alsh-gragnague', 'Ados : projets et sorties', 'Projets choisis par le groupe, sorties et veillées.', 11, 14, '2026-12-04 18:38:45.092272');

INSERT INTO public.childcare_centres VALUES ('alsh-verfeil', 'ALSH de Verfeil', '31573', '3 chemin de l’Exemple, 31590 Verfeil');
INSERT INTO public.childcare_centres VALUES ('alsh-montastruc', 'ALSH de Montastruc-la-Conseillère', '31358', '12 allée des Démonstrations, 31380 Montastruc-la-Conseillère');
INSERT INTO public.childcare_centres VALUES ('alsh-gragnague', 'ALSH de Gragnague', '31228', '7 impasse Fictive, 31380 Gragnague');

INSERT INTO public.childcare_children VALUES (1, 1, 'Léa', 'Exemple-Garcia', '2019-10-25', 'CE1', false, '2026-12-04 18:38:45.569567');
INSERT INTO public.childcare_children VALUES (2, 1, 'Hugo', 'Exemple-Garcia', '2017-10-25', 'CM1', false, '2026-12-04 18:38:45.571192');
INSERT INTO public.childcare_children VALUES (3, 2, 'Inès', 'Fictif', '2022-10-25', 'MS', false, '2026-12-04 18:38:45.596748');
INSERT INTO public.childcare_children VALUES (4, 3, 'Noah', 'Démo-Martin', '2018-10-25', 'CE2', false, '2026-12-04 18:38:45.614296');
INSERT INTO public.childcare_children VALUES (5, 4, 'Jade', 'Essai', '2016-10-25', 'CM2', false, '2026-12-04 18:38:45.627074');

INSERT INTO public.childcare_families VALUES (1, 'famille.exemple-garcia@exemple.fr', 'scrypt:4096:8:1$GbYIlhbr0WYbJrwd$53574518e0b7f3bfc364e022a84056706df4a6bb4607adeb5d2105a3554e0e5b5464c46bc9d81c7fc374a011b75305f27e14e24a789dde808b196749b89932da', 'Exemple-Garcia', '31573', true, true, NULL, 850, false, true, true, '2026-12-04 18:38:45.563592');
INSERT INTO public.childcare_families VALUES (2, 'famille.fictif@exemple.fr', 'scrypt:4096:8:1$924PUlFKO6vaSkrv$4ab4948a5f4c3e5f7eb21b1a897537e00f6539637eb135eaf86ad44f09dc3e12a3b17719cd2a73e06bc74576963ea09eaf22db97527dca657cf55bee1f9cc653', 'Fictif', '31358', true, true, NULL, 850, false, true, false, '2026-12-04 18:38:45.593798');
INSERT INTO public.childcare_families VALUES (3, 'famille.demo-martin@exemple.fr', 'scrypt:4096:8:1$QkomeUPeFAYcgEdp$4d27d0d1d413e21d9592accb97cbf0f8047a071ff8aff914d1fdfdef2606485e06e1cf5746e371e288e1f917b31e7ac730b4f5badc7561f6a5f4e6f5a2438720', 'Démo-Martin', '31228', true, true, NULL, 850, false, true, true, '2026-12-04 18:38:45.61261');
INSERT INTO public.childcare_families VALUES (4, 'famille.essai@exemple.fr', 'scrypt:4096:8:1$UAJOR3BwrQW9OUE6$876a32fa68abb88755b2c9851c920b9ff94b04d0969ffccc00e9d007f0f7c6a81db5a6fdfd4a24cbd08effcc3b0b0ff495926e48743ae8a5584e284919e89247', 'Essai', '31555', false, true, NULL, 850, false, true, true, '2026-12-04 18:38:45.625448');

INSERT INTO public.childcare_periods VALUES (1, 'demo-passees', 'Vacances de la Toussaint 2026', 'all_saints', '2026-2027', '2026-09-25', '2026-10-06', '2026-08-16 06:30:00', NULL, '2026-09-20 21:59:00', 'first_come', '[{"rule": "resident", "points": 8}, {"rule": "siblings", "points": 4}, {"rule": "both_parents_working", "points": 2}, {"rule": "wednesdays", "points": 1}]', NULL, NULL, '2026-12-04 18:38:45.104033');
INSERT INTO public.childcare_periods VALUES (2, 'demo-mercredis', 'Mercredis — 2026-2027', 'wednesdays', '2026-2027', '2026-12-09', '2027-02-10', '2026-11-30 07:30:00', '2026-11-27 07:30:00', '2027-02-08 22:59:00', 'first_come', '[{"rule": "resident", "points": 8}, {"rule": "siblings", "points": 4}, {"rule": "both_parents_working", "points": 2}, {"rule": "wednesdays", "points": 1}]', NULL, NULL, '2026-12-04 18:38:45.105091');
INSERT INTO public.childcare_periods VALUES (3, 'demo-prochaines-vacances', 'Vacances d’hiver 2027', 'february', '2026-2027', '2027-01-01', '2027-01-12', '2026-12-03 08:00:00', '2026-12-01 08:00:00', '2026-12-10 11:00:00', 'window', '[{"rule": "resident", "points": 8}, {"rule": "siblings", "points": 4}, {"rule": "both_parents_working", "points": 2}, {"rule": "wednesdays", "points": 1}]', 'c608e25e358c52698be70f4f65533c55', NULL, '2026-12-04 18:38:45.110225');
INSERT INTO public.childcare_periods VALUES (4, 'demo-vacances-suivantes', 'Vacances de printemps 2027', 'spring', '2026-2027', '2027-03-12', '2027-03-23', '2027-01-18 07:30:00', '2027-01-15 07:30:00', '2027-02-27 22:59:00', 'first_come', '[{"rule": "resident", "points": 8}, {"rule": "siblings", "points": 4}, {"rule": "both_parents_working", "points": 2}, {"rule": "wednesdays", "points": 1}]', NULL, NULL, '2026-12-04 18:38:45.11263');
INSERT INTO public.childcare_periods VALUES (5, 'demo-ete', 'Grandes vacances 2027', 'summer', '2026-2027', '2027-06-02', '2027-06-25', '2027-04-03 06:30:00', '2027-03-27 07:30:00', '2027-05-03 10:00:00', 'window', '[{"rule": "resident", "points": 8}, {"rule": "siblings", "points": 4}, {"rule": "both_parents_working", "points": 2}, {"rule": "wednesdays", "points": 1}]', 'e739a92f309e58d25b65deccf53496c3', NULL, '2026-12-04 18:38:45.113236');

INSERT INTO public.childcare_prices VALUES (1, NULL, 600, 'half_day', 400);
INSERT INTO public.childcare_prices VALUES (2, NULL, 600, 'day', 700);
INSERT INTO public.childcare_prices VALUES (3, NULL, 1000, 'half_day', 600);
INSERT INTO public.childcare_prices VALUES (4, NULL, 1000, 'day', 1000);
INSERT INTO public.childcare_prices VALUES (5, NULL, 1500, 'half_day', 800);
INSERT INTO public.childcare_prices VALUES (6, NULL, 1500, 'day', 1300);
INSERT INTO public.childcare_prices VALUES (7, NULL, NULL, 'half_day', 1000);
INSERT INTO public.childcare_prices VALUES (8, NULL, NULL, 'day', 1600);

INSERT INTO public.childcare_registration_sessions VALUES (1, 1, 62, 1, 'held', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (2, 2, 212, 1, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (3, 2, 214, 1, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (4, 2, 217, 1, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (5, 3, 62, 2, 'held', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (6, 4, 212, 2, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (7, 4, 214, 2, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (8, 4, 217, 2, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (9, 5, 61, 3, 'held', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (10, 5, 66, 3, 'held', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (11, 6, 62, 4, 'waiting', 1);
INSERT INTO public.childcare_registration_sessions VALUES (12, 7, 212, 4, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (13, 7, 214, 4, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (14, 7, 217, 4, 'requested', NULL);
INSERT INTO public.childcare_registration_sessions VALUES (15, 8, 62, 5, 'waiting', 2);

INSERT INTO public.childcare_registrations VALUES (1, 1, 1, 2, 'pending', 'demo-w-1', 'bcf17cd782ed4ffe4bd1c72c804bc085cc4ab3bee42ec1379da6105bc3a4605f', '5826A63C9B4E', NULL, NULL, NULL, '2026-12-04 18:38:45.791981', '2026-12-04 18:38:45.791981');
INSERT INTO public.childcare_registrations VALUES (2, 1, 1, 3, 'pending', 'demo-v-1', '82fdcccbb091468212b6b90703b28e2c52fddac0795ce4e72ee4709cafac1591', '8A13E85EE9F2', NULL, NULL, NULL, '2026-12-04 18:38:45.811852', '2026-12-04 18:38:45.811852');
INSERT INTO public.childcare_registrations VALUES (3, 1, 2, 2, 'pending', 'demo-w-2', 'cf81875255e959fa8d125e8d6e66cc8dd848c9cc90802bb88ed3856d1e25800a', '0523EBD6A5DD', NULL, NULL, NULL, '2026-12-04 18:38:45.817223', '2026-12-04 18:38:45.817223');
INSERT INTO public.childcare_registrations VALUES (4, 1, 2, 3, 'pending', 'demo-v-2', '688ddf4286271d2331920e91367fca079e1961aabdb675230335274779acb506', '512DC758EE0B', NULL, NULL, NULL, '2026-12-04 18:38:45.823277', '2026-12-04 18:38:45.823277');
INSERT INTO public.childcare_registrations VALUES (5, 2, 3, 2, 'pending', 'demo-w-3', '28f136d8e479f30e586c4b95fc5d41b6d69e6de83f5a778a56dfa7fe2ac6d43f', 'B4ED6FA7C325', NULL, NULL, NULL, '2026-12-04 18:38:45.831338', '2026-12-04 18:38:45.831338');
INSERT INTO public.childcare_registrations VALUES (6, 3, 4, 2, 'waitlisted', 'demo-w-4', '02c1356698e580fddc791ef13f8329542f51ba6a8338c378c0417ff74416b583', 'B42D32A61994', NULL, NULL, NULL, '2026-12-04 18:38:45.837473', '2026-12-04 18:38:45.837473');
INSERT INTO public.childcare_registrations VALUES (7, 3, 4, 3, 'pending', 'demo-v-4', 'd5ba899415e980689b2fb734b0f9c437a8960f6fbc23f871cd7b420883bc762b', '08063445E6DE', NULL, NULL, NULL, '2026-12-04 18:38:45.843766', '2026-12-04 18:38:45.843766');
INSERT INTO public.childcare_registrations VALUES (8, 4, 5, 2, 'waitlisted', 'demo-w-5', 'a325a372480986bb1ade8187f98eb4b7afcfe461ff49c781e1016b895676cd2e', 'F0ABBAAE14B8', NULL, NULL, NULL, '2026-12-04 18:38:45.849444', '2026-12-04 18:38:45.849444');

INSERT INTO public.childcare_sessions VALUES (1, 1, 1, '2026-09-25', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (2, 3, 1, '2026-09-25', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (3, 5, 1, '2026-09-25', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (4, 2, 1, '2026-09-28', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (5, 4, 1, '2026-09-28', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (6, 1, 1, '2026-09-29', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (7, 3, 1, '2026-09-29', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (8, 5, 1, '2026-09-29', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (9, 2, 1, '2026-09-30', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (10, 4, 1, '2026-09-30', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (11, 1, 1, '2026-10-01', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (12, 3, 1, '2026-10-01', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (13, 5, 1, '2026-10-01', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (14, 2, 1, '2026-10-02', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (15, 4, 1, '2026-10-02', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (16, 1, 1, '2026-10-05', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (17, 3, 1, '2026-10-05', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (18, 5, 1, '2026-10-05', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (19, 2, 1, '2026-10-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (20, 4, 1, '2026-10-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (21, 6, 1, '2026-09-25', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (22, 8, 1, '2026-09-25', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (23, 10, 1, '2026-09-25', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (24, 7, 1, '2026-09-28', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (25, 9, 1, '2026-09-28', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (26, 6, 1, '2026-09-29', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (27, 8, 1, '2026-09-29', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (28, 10, 1, '2026-09-29', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (29, 7, 1, '2026-09-30', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (30, 9, 1, '2026-09-30', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (31, 6, 1, '2026-10-01', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (32, 8, 1, '2026-10-01', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (33, 10, 1, '2026-10-01', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (34, 7, 1, '2026-10-02', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (35, 9, 1, '2026-10-02', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (36, 6, 1, '2026-10-05', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (37, 8, 1, '2026-10-05', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (38, 10, 1, '2026-10-05', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (39, 7, 1, '2026-10-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (40, 9, 1, '2026-10-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (41, 11, 1, '2026-09-25', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (42, 13, 1, '2026-09-25', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (43, 15, 1, '2026-09-25', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (44, 12, 1, '2026-09-28', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (45, 14, 1, '2026-09-28', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (46, 11, 1, '2026-09-29', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (47, 13, 1, '2026-09-29', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (48, 15, 1, '2026-09-29', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (49, 12, 1, '2026-09-30', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (50, 14, 1, '2026-09-30', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (51, 11, 1, '2026-10-01', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (52, 13, 1, '2026-10-01', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (53, 15, 1, '2026-10-01', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (54, 12, 1, '2026-10-02', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (55, 14, 1, '2026-10-02', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (56, 11, 1, '2026-10-05', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (57, 13, 1, '2026-10-05', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (58, 15, 1, '2026-10-05', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (59, 12, 1, '2026-10-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (60, 14, 1, '2026-10-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (63, 3, 2, '2026-12-09', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (64, 4, 2, '2026-12-09', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (65, 5, 2, '2026-12-09', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (67, 2, 2, '2026-12-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (68, 3, 2, '2026-12-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (69, 4, 2, '2026-12-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (70, 5, 2, '2026-12-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (71, 1, 2, '2026-12-23', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (72, 2, 2, '2026-12-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (73, 3, 2, '2026-12-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (74, 4, 2, '2026-12-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (75, 5, 2, '2026-12-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (76, 1, 2, '2026-12-30', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (77, 2, 2, '2026-12-30', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (78, 3, 2, '2026-12-30', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (79, 4, 2, '2026-12-30', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (80, 5, 2, '2026-12-30', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (81, 1, 2, '2027-01-06', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (82, 2, 2, '2027-01-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (83, 3, 2, '2027-01-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (84, 4, 2, '2027-01-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (85, 5, 2, '2027-01-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (86, 1, 2, '2027-01-13', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (87, 2, 2, '2027-01-13', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (88, 3, 2, '2027-01-13', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (89, 4, 2, '2027-01-13', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (90, 5, 2, '2027-01-13', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (91, 1, 2, '2027-01-20', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (92, 2, 2, '2027-01-20', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (93, 3, 2, '2027-01-20', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (94, 4, 2, '2027-01-20', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (95, 5, 2, '2027-01-20', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (96, 1, 2, '2027-01-27', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (97, 2, 2, '2027-01-27', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (98, 3, 2, '2027-01-27', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (99, 4, 2, '2027-01-27', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (100, 5, 2, '2027-01-27', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (101, 1, 2, '2027-02-03', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (102, 2, 2, '2027-02-03', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (103, 3, 2, '2027-02-03', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (104, 4, 2, '2027-02-03', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (105, 5, 2, '2027-02-03', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (106, 1, 2, '2027-02-10', 'morning', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (107, 2, 2, '2027-02-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (108, 3, 2, '2027-02-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (109, 4, 2, '2027-02-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (110, 5, 2, '2027-02-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (111, 6, 2, '2026-12-09', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (112, 7, 2, '2026-12-09', 'day', 2, 0, 0);
INSERT INTO public.childcare_sessions VALUES (113, 8, 2, '2026-12-09', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (114, 9, 2, '2026-12-09', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (115, 10, 2, '2026-12-09', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (116, 6, 2, '2026-12-16', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (117, 7, 2, '2026-12-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (118, 8, 2, '2026-12-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (119, 9, 2, '2026-12-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (120, 10, 2, '2026-12-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (121, 6, 2, '2026-12-23', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (122, 7, 2, '2026-12-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (123, 8, 2, '2026-12-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (124, 9, 2, '2026-12-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (125, 10, 2, '2026-12-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (126, 6, 2, '2026-12-30', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (127, 7, 2, '2026-12-30', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (128, 8, 2, '2026-12-30', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (129, 9, 2, '2026-12-30', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (130, 10, 2, '2026-12-30', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (131, 6, 2, '2027-01-06', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (132, 7, 2, '2027-01-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (133, 8, 2, '2027-01-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (134, 9, 2, '2027-01-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (135, 10, 2, '2027-01-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (136, 6, 2, '2027-01-13', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (137, 7, 2, '2027-01-13', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (138, 8, 2, '2027-01-13', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (139, 9, 2, '2027-01-13', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (140, 10, 2, '2027-01-13', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (141, 6, 2, '2027-01-20', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (142, 7, 2, '2027-01-20', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (143, 8, 2, '2027-01-20', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (144, 9, 2, '2027-01-20', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (145, 10, 2, '2027-01-20', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (146, 6, 2, '2027-01-27', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (147, 7, 2, '2027-01-27', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (148, 8, 2, '2027-01-27', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (149, 9, 2, '2027-01-27', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (150, 10, 2, '2027-01-27', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (151, 6, 2, '2027-02-03', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (152, 7, 2, '2027-02-03', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (153, 8, 2, '2027-02-03', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (154, 9, 2, '2027-02-03', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (155, 10, 2, '2027-02-03', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (156, 6, 2, '2027-02-10', 'morning', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (157, 7, 2, '2027-02-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (158, 8, 2, '2027-02-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (159, 9, 2, '2027-02-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (160, 10, 2, '2027-02-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (161, 11, 2, '2026-12-09', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (162, 12, 2, '2026-12-09', 'day', 2, 0, 0);
INSERT INTO public.childcare_sessions VALUES (163, 13, 2, '2026-12-09', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (164, 14, 2, '2026-12-09', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (165, 15, 2, '2026-12-09', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (166, 11, 2, '2026-12-16', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (167, 12, 2, '2026-12-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (168, 13, 2, '2026-12-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (169, 14, 2, '2026-12-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (170, 15, 2, '2026-12-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (171, 11, 2, '2026-12-23', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (172, 12, 2, '2026-12-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (173, 13, 2, '2026-12-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (174, 14, 2, '2026-12-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (175, 15, 2, '2026-12-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (176, 11, 2, '2026-12-30', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (177, 12, 2, '2026-12-30', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (178, 13, 2, '2026-12-30', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (179, 14, 2, '2026-12-30', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (180, 15, 2, '2026-12-30', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (181, 11, 2, '2027-01-06', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (182, 12, 2, '2027-01-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (183, 13, 2, '2027-01-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (184, 14, 2, '2027-01-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (185, 15, 2, '2027-01-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (186, 11, 2, '2027-01-13', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (187, 12, 2, '2027-01-13', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (188, 13, 2, '2027-01-13', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (189, 14, 2, '2027-01-13', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (190, 15, 2, '2027-01-13', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (191, 11, 2, '2027-01-20', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (192, 12, 2, '2027-01-20', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (193, 13, 2, '2027-01-20', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (194, 14, 2, '2027-01-20', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (195, 15, 2, '2027-01-20', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (196, 11, 2, '2027-01-27', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (197, 12, 2, '2027-01-27', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (198, 13, 2, '2027-01-27', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (199, 14, 2, '2027-01-27', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (200, 15, 2, '2027-01-27', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (201, 11, 2, '2027-02-03', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (202, 12, 2, '2027-02-03', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (203, 13, 2, '2027-02-03', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (204, 14, 2, '2027-02-03', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (205, 15, 2, '2027-02-03', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (206, 11, 2, '2027-02-10', 'morning', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (207, 12, 2, '2027-02-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (208, 13, 2, '2027-02-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (209, 14, 2, '2027-02-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (210, 15, 2, '2027-02-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (211, 1, 3, '2027-01-01', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (212, 3, 3, '2027-01-01', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (213, 5, 3, '2027-01-01', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (214, 2, 3, '2027-01-04', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (215, 4, 3, '2027-01-04', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (216, 1, 3, '2027-01-05', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (217, 3, 3, '2027-01-05', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (218, 5, 3, '2027-01-05', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (219, 2, 3, '2027-01-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (220, 4, 3, '2027-01-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (221, 1, 3, '2027-01-07', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (222, 3, 3, '2027-01-07', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (223, 5, 3, '2027-01-07', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (224, 2, 3, '2027-01-08', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (225, 4, 3, '2027-01-08', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (226, 1, 3, '2027-01-11', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (227, 3, 3, '2027-01-11', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (228, 5, 3, '2027-01-11', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (229, 2, 3, '2027-01-12', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (230, 4, 3, '2027-01-12', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (231, 6, 3, '2027-01-01', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (232, 8, 3, '2027-01-01', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (233, 10, 3, '2027-01-01', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (234, 7, 3, '2027-01-04', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (235, 9, 3, '2027-01-04', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (236, 6, 3, '2027-01-05', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (237, 8, 3, '2027-01-05', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (238, 10, 3, '2027-01-05', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (239, 7, 3, '2027-01-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (240, 9, 3, '2027-01-06', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (241, 6, 3, '2027-01-07', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (242, 8, 3, '2027-01-07', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (243, 10, 3, '2027-01-07', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (244, 7, 3, '2027-01-08', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (245, 9, 3, '2027-01-08', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (246, 6, 3, '2027-01-11', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (247, 8, 3, '2027-01-11', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (248, 10, 3, '2027-01-11', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (249, 7, 3, '2027-01-12', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (250, 9, 3, '2027-01-12', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (251, 11, 3, '2027-01-01', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (252, 13, 3, '2027-01-01', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (253, 15, 3, '2027-01-01', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (254, 12, 3, '2027-01-04', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (255, 14, 3, '2027-01-04', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (256, 11, 3, '2027-01-05', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (257, 13, 3, '2027-01-05', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (258, 15, 3, '2027-01-05', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (259, 12, 3, '2027-01-06', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (260, 14, 3, '2027-01-06', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (261, 11, 3, '2027-01-07', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (262, 13, 3, '2027-01-07', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (263, 15, 3, '2027-01-07', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (264, 12, 3, '2027-01-08', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (265, 14, 3, '2027-01-08', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (266, 11, 3, '2027-01-11', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (267, 13, 3, '2027-01-11', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (268, 15, 3, '2027-01-11', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (269, 12, 3, '2027-01-12', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (270, 14, 3, '2027-01-12', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (271, 1, 4, '2027-03-12', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (272, 3, 4, '2027-03-12', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (273, 5, 4, '2027-03-12', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (274, 2, 4, '2027-03-15', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (275, 4, 4, '2027-03-15', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (276, 1, 4, '2027-03-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (277, 3, 4, '2027-03-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (278, 5, 4, '2027-03-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (279, 2, 4, '2027-03-17', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (280, 4, 4, '2027-03-17', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (281, 1, 4, '2027-03-18', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (282, 3, 4, '2027-03-18', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (283, 5, 4, '2027-03-18', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (284, 2, 4, '2027-03-19', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (285, 4, 4, '2027-03-19', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (286, 1, 4, '2027-03-22', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (287, 3, 4, '2027-03-22', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (288, 5, 4, '2027-03-22', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (289, 2, 4, '2027-03-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (290, 4, 4, '2027-03-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (291, 6, 4, '2027-03-12', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (292, 8, 4, '2027-03-12', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (293, 10, 4, '2027-03-12', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (294, 7, 4, '2027-03-15', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (295, 9, 4, '2027-03-15', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (296, 6, 4, '2027-03-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (297, 8, 4, '2027-03-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (298, 10, 4, '2027-03-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (299, 7, 4, '2027-03-17', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (300, 9, 4, '2027-03-17', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (301, 6, 4, '2027-03-18', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (302, 8, 4, '2027-03-18', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (303, 10, 4, '2027-03-18', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (304, 7, 4, '2027-03-19', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (305, 9, 4, '2027-03-19', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (306, 6, 4, '2027-03-22', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (307, 8, 4, '2027-03-22', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (308, 10, 4, '2027-03-22', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (309, 7, 4, '2027-03-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (310, 9, 4, '2027-03-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (311, 11, 4, '2027-03-12', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (312, 13, 4, '2027-03-12', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (313, 15, 4, '2027-03-12', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (314, 12, 4, '2027-03-15', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (315, 14, 4, '2027-03-15', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (316, 11, 4, '2027-03-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (317, 13, 4, '2027-03-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (318, 15, 4, '2027-03-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (319, 12, 4, '2027-03-17', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (320, 14, 4, '2027-03-17', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (321, 11, 4, '2027-03-18', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (322, 13, 4, '2027-03-18', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (323, 15, 4, '2027-03-18', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (324, 12, 4, '2027-03-19', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (325, 14, 4, '2027-03-19', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (326, 11, 4, '2027-03-22', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (327, 13, 4, '2027-03-22', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (328, 15, 4, '2027-03-22', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (329, 12, 4, '2027-03-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (330, 14, 4, '2027-03-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (331, 1, 5, '2027-06-02', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (332, 3, 5, '2027-06-02', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (333, 5, 5, '2027-06-02', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (334, 2, 5, '2027-06-03', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (335, 4, 5, '2027-06-03', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (336, 1, 5, '2027-06-04', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (337, 3, 5, '2027-06-04', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (338, 5, 5, '2027-06-04', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (339, 2, 5, '2027-06-07', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (340, 4, 5, '2027-06-07', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (341, 1, 5, '2027-06-08', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (342, 3, 5, '2027-06-08', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (343, 5, 5, '2027-06-08', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (344, 2, 5, '2027-06-09', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (345, 4, 5, '2027-06-09', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (346, 1, 5, '2027-06-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (347, 3, 5, '2027-06-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (348, 5, 5, '2027-06-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (349, 2, 5, '2027-06-11', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (350, 4, 5, '2027-06-11', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (351, 1, 5, '2027-06-14', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (352, 3, 5, '2027-06-14', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (353, 5, 5, '2027-06-14', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (354, 2, 5, '2027-06-15', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (355, 4, 5, '2027-06-15', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (356, 1, 5, '2027-06-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (357, 3, 5, '2027-06-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (358, 5, 5, '2027-06-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (359, 2, 5, '2027-06-17', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (360, 4, 5, '2027-06-17', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (361, 1, 5, '2027-06-18', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (362, 3, 5, '2027-06-18', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (363, 5, 5, '2027-06-18', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (364, 2, 5, '2027-06-21', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (365, 4, 5, '2027-06-21', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (366, 1, 5, '2027-06-22', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (367, 3, 5, '2027-06-22', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (368, 5, 5, '2027-06-22', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (369, 2, 5, '2027-06-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (370, 4, 5, '2027-06-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (371, 1, 5, '2027-06-24', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (372, 3, 5, '2027-06-24', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (373, 5, 5, '2027-06-24', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (374, 2, 5, '2027-06-25', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (375, 4, 5, '2027-06-25', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (376, 6, 5, '2027-06-02', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (377, 8, 5, '2027-06-02', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (378, 10, 5, '2027-06-02', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (379, 7, 5, '2027-06-03', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (380, 9, 5, '2027-06-03', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (381, 6, 5, '2027-06-04', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (382, 8, 5, '2027-06-04', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (383, 10, 5, '2027-06-04', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (384, 7, 5, '2027-06-07', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (385, 9, 5, '2027-06-07', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (386, 6, 5, '2027-06-08', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (387, 8, 5, '2027-06-08', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (388, 10, 5, '2027-06-08', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (389, 7, 5, '2027-06-09', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (390, 9, 5, '2027-06-09', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (391, 6, 5, '2027-06-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (392, 8, 5, '2027-06-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (393, 10, 5, '2027-06-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (394, 7, 5, '2027-06-11', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (395, 9, 5, '2027-06-11', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (396, 6, 5, '2027-06-14', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (397, 8, 5, '2027-06-14', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (398, 10, 5, '2027-06-14', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (399, 7, 5, '2027-06-15', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (400, 9, 5, '2027-06-15', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (401, 6, 5, '2027-06-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (402, 8, 5, '2027-06-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (403, 10, 5, '2027-06-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (404, 7, 5, '2027-06-17', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (405, 9, 5, '2027-06-17', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (406, 6, 5, '2027-06-18', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (407, 8, 5, '2027-06-18', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (408, 10, 5, '2027-06-18', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (409, 7, 5, '2027-06-21', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (410, 9, 5, '2027-06-21', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (411, 6, 5, '2027-06-22', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (412, 8, 5, '2027-06-22', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (413, 10, 5, '2027-06-22', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (414, 7, 5, '2027-06-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (415, 9, 5, '2027-06-23', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (416, 6, 5, '2027-06-24', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (417, 8, 5, '2027-06-24', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (418, 10, 5, '2027-06-24', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (419, 7, 5, '2027-06-25', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (420, 9, 5, '2027-06-25', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (421, 11, 5, '2027-06-02', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (422, 13, 5, '2027-06-02', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (423, 15, 5, '2027-06-02', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (424, 12, 5, '2027-06-03', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (425, 14, 5, '2027-06-03', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (426, 11, 5, '2027-06-04', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (427, 13, 5, '2027-06-04', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (428, 15, 5, '2027-06-04', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (429, 12, 5, '2027-06-07', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (430, 14, 5, '2027-06-07', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (431, 11, 5, '2027-06-08', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (432, 13, 5, '2027-06-08', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (433, 15, 5, '2027-06-08', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (434, 12, 5, '2027-06-09', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (435, 14, 5, '2027-06-09', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (436, 11, 5, '2027-06-10', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (437, 13, 5, '2027-06-10', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (438, 15, 5, '2027-06-10', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (439, 12, 5, '2027-06-11', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (440, 14, 5, '2027-06-11', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (441, 11, 5, '2027-06-14', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (442, 13, 5, '2027-06-14', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (443, 15, 5, '2027-06-14', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (444, 12, 5, '2027-06-15', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (445, 14, 5, '2027-06-15', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (446, 11, 5, '2027-06-16', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (447, 13, 5, '2027-06-16', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (448, 15, 5, '2027-06-16', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (449, 12, 5, '2027-06-17', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (450, 14, 5, '2027-06-17', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (451, 11, 5, '2027-06-18', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (452, 13, 5, '2027-06-18', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (453, 15, 5, '2027-06-18', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (454, 12, 5, '2027-06-21', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (455, 14, 5, '2027-06-21', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (456, 11, 5, '2027-06-22', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (457, 13, 5, '2027-06-22', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (458, 15, 5, '2027-06-22', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (459, 12, 5, '2027-06-23', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (460, 14, 5, '2027-06-23', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (461, 11, 5, '2027-06-24', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (462, 13, 5, '2027-06-24', 'day', 12, 0, 0);
INSERT INTO public.childcare_sessions VALUES (463, 15, 5, '2027-06-24', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (464, 12, 5, '2027-06-25', 'day', 8, 0, 0);
INSERT INTO public.childcare_sessions VALUES (465, 14, 5, '2027-06-25', 'day', 16, 0, 0);
INSERT INTO public.childcare_sessions VALUES (61, 1, 2, '2026-12-09', 'morning', 8, 1, 0);
INSERT INTO public.childcare_sessions VALUES (66, 1, 2, '2026-12-16', 'morning', 8, 1, 0);
INSERT INTO public.childcare_sessions VALUES (62, 2, 2, '2026-12-09', 'day', 2, 2, 2);

INSERT INTO public.content_pages VALUES ('presentation', 'L’intercommunalité', 'La Communauté de communes des Coteaux du Girou réunit 18 communes qui ont choisi de porter ensemble les services qu’aucune ne pourrait assurer seule : accueils de loisirs, urbanisme, développement économique, collecte des déchets, voirie.

## Comment elle fonctionne

- Le **conseil communautaire** rassemble les délégués élus de chaque commune. Il vote le budget et les grandes décisions.
- Le **bureau**, formé du président et des vice-présidents, prépare les décisions du conseil.
- Les **commissions** (petite enfance et jeunesse, urbanisme, finances, numérique) étudient les dossiers en amont.

Les séances du conseil sont publiques. Les délibérations et comptes rendus sont consultables dans la rubrique [Publications](/publications).

## Nous contacter

Pour une démarche, adressez-vous d’abord à votre mairie : ses coordonnées et horaires figurent sur la [page de votre commune](/communes).

*Texte de démonstration : à remplacer par la présentation rédigée par les services.*', 'l''intercommunalite la communaute de communes des coteaux du girou reunit 18 communes qui ont choisi de porter ensemble les services qu''aucune ne pourrait assurer seule : accueils de loisirs, urbanisme, developpement economique, collecte des dechets, voirie. comment elle fonctionne le conseil communautaire rassemble les delegues elus de chaque commune. il vote le budget et les grandes decisions. le bureau, forme du president et des vice-presidents, prepare les decisions du conseil. les commissions (petite enfance et jeunesse, urbanisme, finances, numerique) etudient les dossiers en amont. les seances du conseil sont publiques. les deliberations et comptes rendus sont consultables dans la rubrique publications. nous contacter pour une demarche, adressez-vous d''abord a votre mairie : ses coordonnees et horaires figurent sur la page de votre commune. texte de demonstration : a remplacer par la presentation redigee par les services.', '2026-12-04 18:38:44.971398', 'demo');
INSERT INTO public.content_pages VALUES ('competences', 'Les compétences', 'Une compétence est un domaine que les communes ont confié à l’intercommunalité. Voici ceux que la Communauté de communes des Coteaux du Girou exerce.

## Enfance et jeunesse

Accueils de loisirs sans hébergement le mercredi et pendant les vacances scolaires, avec préinscription en ligne dans la rubrique [Enfance et loisirs](/enfance).

## Aménagement de l’espace et urbanisme

Plan local d’urbanisme intercommunal, instruction des autorisations d’urbanisme pour le compte des communes, [carte interactive](/carte) des zones et prescriptions.

## Développement économique

- Zones d’activités et accueil des entreprises
- Soutien au commerce de proximité et à l’artisanat
- [Annuaire](/annuaire) des associations et des entreprises du territoire

## Environnement

- Collecte et valorisation des déchets ménagers
- Gestion des milieux aquatiques et prévention des inondations (GEMAPI)

## Voirie

Entretien des voies déclarées d’intérêt communautaire.

*Texte de démonstration : la liste exacte des compétences figure dans les statuts de l’intercommunalité.*', 'les competences une competence est un domaine que les communes ont confie a l''intercommunalite. voici ceux que la communaute de communes des coteaux du girou exerce. enfance et jeunesse accueils de loisirs sans hebergement le mercredi et pendant les vacances scolaires, avec preinscription en ligne dans la rubrique enfance et loisirs. amenagement de l''espace et urbanisme plan local d''urbanisme intercommunal, instruction des autorisations d''urbanisme pour le compte des communes, carte interactive des zones et prescriptions. developpement economique zones d''activites et accueil des entreprises soutien au commerce de proximite et a l''artisanat annuaire des associations et des entreprises du territoire environnement collecte et valorisation des dechets menagers gestion des milieux aquatiques et prevention des inondations (gemapi) voirie entretien des voies declarees d''interet communautaire. texte de demonstration : la liste exacte des competences figure dans les statuts de l''intercommunalite.', '2026-12-04 18:38:44.978641', 'demo');
INSERT INTO public.content_pages VALUES ('mentions-legales', 'Mentions légales', '## Éditeur du site

Communauté de communes des Coteaux du Girou
SIREN 243100732

Directeur ou directrice de la publication : Alice Exemple, président de l’intercommunalité.

## Hébergement

Le portail est hébergé sur des serveurs administrés par l’intercommunalité ou son prestataire. *À compléter : nom, adresse et téléphone de l’hébergeur.*

## Contenus

Les fiches pratiques de la rubrique Démarches proviennent de service-public.fr (Direction de l’information légale et administrative), réutilisées sous licence ouverte ; leur source et leur date sont indiquées sur chaque fiche.

Les coordonnées des mairies proviennent de l’Annuaire de l’administration.

Les autres textes et documents sont publiés par l’intercommunalité. Sauf mention contraire, ils peuvent être réutilisés en citant leur source.

## Liens

Le portail ne dépose aucun cookie de mesure d’audience ni de publicité. Un seul cookie technique est utilisé, pour la sécurité des formulaires et la connexion des élus et des agents.

*Texte de démonstration à faire valider par l’intercommunalité.*', 'mentions legales editeur du site communaute de communes des coteaux du girou siren 243100732 directeur ou directrice de la publication : alice exemple, president de l''intercommunalite. hebergement le portail est heberge sur des serveurs administres par l''intercommunalite ou son prestataire. a completer : nom, adresse et telephone de l''hebergeur. contenus les fiches pratiques de la rubrique demarches proviennent de service-public.fr (direction de l''information legale et administrative), reutilisees sous licence ouverte ; leur source et leur date sont indiquees sur chaque fiche. les coordonnees des mairies proviennent de l''annuaire de l''administration. les autres textes et documents sont publies par l''intercommunalite. sauf mention contraire, ils peuvent etre reutilises en citant leur source. liens le portail ne depose aucun cookie de mesure d''audience ni de publicite. un seul cookie technique est utilise, pour la securite des formulaires et la connexion des elus et des agents. texte de demonstration a faire valider par l''intercommunalite.', '2026-12-04 18:38:44.982', 'demo');
INSERT INTO public.content_pages VALUES ('donnees-personnelles', 'Données personnelles', 'La Communauté de communes des Coteaux du Girou est responsable des traitements de données personnelles réalisés par ce portail. Elle ne collecte que les données nécessaires au service demandé et ne les transmet à aucun tiers à des fins commerciales.

## Ce que nous collectons, et pourquoi

- **Préinscriptions aux accueils de loisirs** : identité et coordonnées des responsables, identité et informations utiles sur l’enfant. Finalité : organiser l’accueil. Base légale : mission de service public. Conservation : le temps de l’année scolaire, puis archivage selon les règles des archives publiques.
- **Annuaire des associations et entreprises** : les informations que vous proposez et une adresse électronique pour vous répondre. Les informations publiées sont visibles de tous ; l’adresse de contact ne l’est pas.
- **Formulaire de contact** : votre message et vos coordonnées, transmis au service concerné pour vous répondre. Conservation : un an.
- **Comptes des élus et des agents** : identifiant et journal de connexion, pour la sécurité du service.

## Vos droits

Vous pouvez accéder à vos données, les faire rectifier ou effacer, vous opposer à un traitement ou en demander la limitation. Écrivez au délégué à la protection des données de l’intercommunalité (*adresse à compléter*).

Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la [CNIL](https://www.cnil.fr/).

## Cookies

Le portail n’utilise qu’un cookie technique, indispensable à la sécurité des formulaires et à la connexion. Il ne sert à aucun suivi et ne nécessite donc pas de consentement.

*Texte de démonstration à faire valider par le délégué à la protection des données.*', 'donnees personnelles la communaute de communes des coteaux du girou est responsable des traitements de donnees personnelles realises par ce portail. elle ne collecte que les donnees necessaires au service demande et ne les transmet a aucun tiers a des fins commerciales. ce que nous collectons, et pourquoi preinscriptions aux accueils de loisirs : identite et coordonnees des responsables, identite et informations utiles sur l''enfant. finalite : organiser l''accueil. base legale : mission de service public. conservation : le temps de l''annee scolaire, puis archivage selon les regles des archives publiques. annuaire des associations et entreprises : les informations que vous proposez et une adresse electronique pour vous repondre. les informations publiees sont visibles de tous ; l''adresse de contact ne l''est pas. formulaire de contact : votre message et vos coordonnees, transmis au service concerne pour vous repondre. conservation : un an. comptes des elus et des agents : identifiant et journal de connexion, pour la securite du service. vos droits vous pouvez acceder a vos donnees, les faire rectifier ou effacer, vous opposer a un traitement ou en demander la limitation. ecrivez au delegue a la protection des donnees de l''intercommunalite (adresse a completer). si vous estimez, apres nous avoir contactes, que vos droits ne sont pas respectes, vous pouvez adresser une reclamation a la cnil. cookies le portail n''utilise qu''un cookie technique, indispensable a la securite des formulaires et a la connexion. il ne sert a aucun suivi et ne necessite donc pas de consentement. texte de demonstration a faire valider par le delegue a la protection des donnees.', '2026-12-04 18:38:44.983945', 'demo');
INSERT INTO public.content_pages VALUES ('accessibilite', 'Déclaration d’accessibilité', 'La Communauté de communes des Coteaux du Girou s’engage à rendre son portail accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.

Cette déclaration d’accessibilité s’applique au portail http://127.0.0.1:8000.

## État de conformité

Le portail est **partiellement conforme** avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées ci-dessous.

## Résultats des tests

Chaque version du portail est vérifiée automatiquement : l’outil axe-core contrôle, dans un navigateur, toutes les pages publiques (accueil, démarches, enfance, carte, annuaire, communes, actualités, publications, recherche, pages légales, formulaires) et ne relève aucune erreur. Ces contrôles portent sur la structure des pages, les intitulés des champs et des liens, les contrastes, la langue et les alternatives textuelles.

Les tests automatiques vérifient aussi que le lien d’évitement mène au contenu et que l’élément qui a le focus clavier reste visible. Des vérifications manuelles (parcours complet au clavier, lecture avec un lecteur d’écran) et un audit des 106 critères du RGAA restent à conduire.

## Contenus non accessibles

- Les documents de la rubrique Publications (délibérations, comptes rendus) sont publiés tels que transmis et peuvent ne pas être accessibles ; une version accessible est envoyée sur demande.
- La carte interactive ne peut pas restituer toute l’information graphique ; les informations d’urbanisme d’une parcelle sont aussi données sous forme de texte.

## Établissement de cette déclaration

Déclaration établie à partir d’une auto-évaluation réalisée par l’équipe du portail. Technologies utilisées : HTML, CSS, JavaScript. Environnement de test : Chromium, axe-core.

## Retour d’information et contact

Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’intercommunalité pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme.

## Voies de recours

Si vous constatez un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à une fonctionnalité du portail, que vous nous le signalez et que vous ne parvenez pas à obtenir de réponse de notre part, vous pouvez :

- écrire un message au [Défenseur des droits](https://formulaire.defenseurdesdroits.fr/) ;
- contacter le délégué du Défenseur des droits dans votre région ;
- envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.', 'declaration d''accessibilite la communaute de communes des coteaux du girou s''engage a rendre son portail accessible conformement a l''article 47 de la loi n° 2005-102 du 11 fevrier 2005. cette declaration d''accessibilite s''applique au portail http://127.0.0.1:8000. etat de conformite le portail est partiellement conforme avec le referentiel general d''amelioration de l''accessibilite (rgaa), version 4.1, en raison des non-conformites et des derogations enumerees ci-dessous. resultats des tests chaque version du portail est verifiee automatiquement : l''outil axe-core controle, dans un navigateur, toutes les pages publiques (accueil, demarches, enfance, carte, annuaire, communes, actualites, publications, recherche, pages legales, formulaires) et ne releve aucune erreur. ces controles portent sur la structure des pages, les intitules des champs et des liens, les contrastes, la langue et les alternatives textuelles. les tests automatiques verifient aussi que le lien d''evitement mene au contenu et que l''element qui a le focus clavier reste visible. des verifications manuelles (parcours complet au clavier, lecture avec un lecteur d''ecran) et un audit des 106 criteres du rgaa restent a conduire. contenus non accessibles les documents de la rubrique publications (deliberations, comptes rendus) sont publies tels que transmis et peuvent ne pas etre accessibles ; une version accessible est envoyee sur demande. la carte interactive ne peut pas restituer toute l''information graphique ; les informations d''urbanisme d''une parcelle sont aussi donnees sous forme de texte. etablissement de cette declaration declaration etablie a partir d''une auto-evaluation realisee par l''equipe du portail. technologies utilisees : html, css, javascript. environnement de test : chromium, axe-core. retour d''information et contact si vous n''arrivez pas a acceder a un contenu ou a un service, contactez l''intercommunalite pour etre oriente vers une alternative accessible ou obtenir le contenu sous une autre forme. voies de recours si vous constatez un defaut d''accessibilite qui vous empeche d''acceder a un contenu ou a une fonctionnalite du portail, que vous nous le signalez et que vous ne parvenez pas a obtenir de reponse de notre part, vous pouvez : ecrire un message au defenseur des droits ; contacter le delegue du defenseur des droits dans votre region ; envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : defenseur des droits, libre reponse 71120, 75342 paris cedex 07.', '2026-12-04 18:38:44.986601', 'demo');

INSERT INTO public.dila_sheets VALUES (1, 'F90001', 'Fiche Question-réponse', 'https://www.service-public.fr/particuliers/vosdroits/F90001', 'Carte d''identité d''une personne majeure (fiche d''exemple)', 'Comment demander ou renouveler sa carte d''identité quand on est majeur : où s''adresser, quels justificatifs apporter, quel délai prévoir. Fiche d''exemple.', '2025-03-14', 'particuliers', '["particuliers"]', 'N90000', 'Papiers - Citoyenneté', '[["N90000", "Papiers - Citoyennet\u00e9"]]', 'N90001', 'Papiers d''identité', '[["F90001", "Carte d''identit\u00e9 d''une personne majeure"], ["F90002", "Passeport"]]', '[["Particuliers", "Accueil particuliers", ""], ["N90000", "Papiers - Citoyennet\u00e9", "Th\u00e8me"], ["N90001", "Papiers d''identit\u00e9", "Dossier"]]', '["F90002", "F99998", "F99999"]', '<div class="sp-intro"><p>La <em class="sp-expression">carte nationale d''identité</em> prouve votre identité. Elle est <strong>gratuite</strong> lors d''une première demande, sauf en cas de perte.</p></div><div class="sp-situations"><p class="sp-situations-intro">Selon votre situation :</p><ul class="sp-situations-toc"><li><a href="#situation-1">Première demande</a></li><li><a href="#situation-2">Renouvellement</a></li></ul><section class="sp-situation" id="situation-1" aria-labelledby="situation-1-titre"><h2 id="situation-1-titre">Première demande</h2><div class="sp-chapter"><h3 id="section-1">Où faire la demande ?</h3><p>Vous pouvez faire la demande dans n''importe quelle mairie équipée d''une station d''enregistrement, pas seulement celle de votre domicile.</p><div class="sp-callout sp-anoter"><p class="sp-callout-title"><strong>À noter</strong></p><p>Une pré-demande en ligne fait gagner du temps au guichet.</p></div></div><div class="sp-chapter"><h3 id="section-2">Pièces à fournir</h3><p>Apportez les documents suivants :</p><ul><li>une photo d''identité récente</li><li>un justificatif de domicile de moins d''un an</li><li>un acte de naissance, si votre commune de naissance ne participe pas à la dématérialisation</li></ul><div class="sp-subchapter"><h4 id="section-3">Si vous êtes hébergé</h4><p>Joignez une attestation de la personne qui vous héberge et une copie de sa pièce d''identité.</p><div class="sp-fragment"><p>Hébergé chez un parent : une simple attestation signée de ce parent suffit.</p></div></div></div></section><section class="sp-situation" id="situation-2" aria-labelledby="situation-2-titre"><h2 id="situation-2-titre">Renouvellement</h2><div class="sp-chapter"><h3 id="section-4">Étapes</h3><ol><li>Remplir la pré-demande en ligne.</li><li>Prendre rendez-vous en mairie.</li><li>Retirer la carte au guichet où la demande a été déposée.</li></ol><div class="sp-callout sp-asavoir"><p class="sp-callout-title"><strong>À savoir</strong></p><p>Pour voyager, vous pouvez aussi utiliser un <a href="dila:particuliers/F90002">passeport</a>.</p></div><div class="sp-callout sp-attention"><p class="sp-callout-title"><strong>Attention</strong></p><p>Une carte perdue doit d''abord être déclarée : voir la fiche <a href="dila:particuliers/F99999">déclaration de perte</a>.</p></div></div></section></div><div class="sp-chapter"><h2 id="section-5">Délais et coût</h2><div class="sp-table"><table><caption>Coût selon la situation</caption><thead><tr><th scope="col">Situation</th><th scope="col">Coût</th></tr></thead><tbody><tr><th scope="row">Première demande</th><td>Gratuit</td></tr><tr><th scope="row">Perte ou vol</th><td>Un timbre fiscal (montant indicatif de l''exemple)</td></tr></tbody></table></div><p>Les délais sont publiés sur <a href="https://www.example.org/delais" rel="noopener">le site d''information des délais</a>.</p><p>Un élément que le portail ne connaît pas garde son texte.</p></div><section class="sp-aggregate" id="ou-s-adresser" aria-labelledby="ou-s-adresser-titre"><h2 id="ou-s-adresser-titre">Où s’adresser ?</h2><ul class="sp-cards"><li class="sp-card sp-where"><p class="sp-card-title">Mairie</p><div data-girou-local="mairie"></div><p><a href="https://lannuaire.service-public.fr/navigation/mairie">Trouver un autre service</a></p><p class="sp-card-meta">Annuaire de l''administration (exemple)</p></li></ul></section><section class="sp-aggregate" id="services-en-ligne" aria-labelledby="services-en-ligne-titre"><h2 id="services-en-ligne-titre">Services en ligne et formulaires</h2><ul class="sp-cards"><li class="sp-card"><p class="sp-card-title"><a href="https://www.example.org/pre-demande">Pré-demande de carte d''identité</a></p><p class="sp-card-meta">Téléservice — Service d''exemple</p></li><li class="sp-card"><p class="sp-card-title"><a href="https://www.example.org/formulaire.pdf">Attestation d''hébergement</a></p><p class="sp-card-meta">Formulaire — Cerfa n° 00000*01 — Service d''exemple</p></li></ul></section><section class="sp-aggregate" id="references" aria-labelledby="references-titre"><h2 id="references-titre">Textes de référence</h2><ul class="sp-cards"><li class="sp-card"><p class="sp-card-title"><a href="https://www.example.org/decret">Décret d''exemple relatif à la carte nationale d''identité</a></p><p class="sp-card-meta">Texte de référence</p><p>Articles 1 à 5</p></li></ul></section><section class="sp-aggregate" id="en-savoir-plus" aria-labelledby="en-savoir-plus-titre"><h2 id="en-savoir-plus-titre">Pour en savoir plus</h2><ul class="sp-cards"><li class="sp-card"><p class="sp-card-title"><a href="https://www.example.org/guide">Guide pratique des papiers d''identité</a></p><p class="sp-card-meta">Information pratique — Éditeur d''exemple</p></li></ul></section><section class="sp-aggregate" id="questions-reponses" aria-labelledby="questions-reponses-titre"><h2 id="questions-reponses-titre">Questions ? Réponses !</h2><ul class="sp-cards"><li class="sp-card"><a href="dila:particuliers/F90002">Comment obtenir un passeport ?</a></li><li class="sp-card"><a href="dila:particuliers/F99998">Que faire en cas de vol de ses papiers ?</a></li></ul></section>', '<!-- Sample sheet written for Girou (demonstration and tests), in the DILA vosdroits format.
     Not a service-public.fr text: its wording is ours and it gives no official information. -->
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F90001" type="Fiche Question-réponse" spUrl="https://www.service-public.fr/particuliers/vosdroits/F90001">
  <dc:title>Carte d''identité d''une personne majeure (fiche d''exemple)</dc:title>
  <dc:creator>Girou (exemple)</dc:creator>
  <dc:description>Comment demander ou renouveler sa carte d''identité quand on est majeur : où s''adresser, quels justificatifs apporter, quel délai prévoir. Fiche d''exemple.</dc:description>
  <dc:publisher>Girou (exemple)</dc:publisher>
  <dc:date>modified 2025-03-14</dc:date>
  <dc:type>Question-réponse</dc:type>
  <dc:language>Fr</dc:language>
  <Audience>Particuliers</Audience>
  <Canal>www.service-public.fr</Canal>
  <FilDAriane>
    <Niveau ID="Particuliers">Accueil particuliers</Niveau>
    <Niveau ID="N90000" type="Thème">Papiers - Citoyenneté</Niveau>
    <Niveau ID="N90001" type="Dossier">Papiers d''identité</Niveau>
  </FilDAriane>
  <Theme ID="N90000">
    <Titre>Papiers - Citoyenneté</Titre>
  </Theme>
  <DossierPere ID="N90001">
    <Titre>Papiers d''identité</Titre>
    <Fiche ID="F90001">Carte d''identité d''une personne majeure</Fiche>
    <Fiche ID="F90002">Passeport</Fiche>
  </DossierPere>
  <Introduction>
    <Texte>
      <Paragraphe>La <Expression>carte nationale d''identité</Expression> prouve votre identité. Elle est <MiseEnEvidence>gratuite</MiseEnEvidence> lors d''une première demande, sauf en cas de perte.</Paragraphe>
    </Texte>
  </Introduction>
  <ListeSituations affichage="onglet">
    <Situation>
      <Titre>Première demande</Titre>
      <Texte>
        <Chapitre>
          <Titre><Paragraphe>Où faire la demande ?</Paragraphe></Titre>
          <Paragraphe>Vous pouvez faire la demande dans n''importe quelle mairie équipée d''une station d''enregistrement, pas seulement celle de votre domicile.</Paragraphe>
          <ANoter>
            <Titre>À noter</Titre>
            <Paragraphe>Une pré-demande en ligne fait gagner du temps au guichet.</Paragraphe>
          </ANoter>
        </Chapitre>
        <Chapitre>
          <Titre><Paragraphe>Pièces à fournir</Paragraphe></Titre>
          <Paragraphe>Apportez les documents suivants :</Paragraphe>
          <Liste type="puce">
            <Item><Paragraphe>une photo d''identité récente</Paragraphe></Item>
            <Item><Paragraphe>un justificatif de domicile de moins d''un an</Paragraphe></Item>
            <Item>
              <Paragraphe>un acte de naissance, si votre commune de naissance ne participe pas à la dématérialisation</Paragraphe>
            </Item>
          </Liste>
          <SousChapitre>
            <Titre><Paragraphe>Si vous êtes hébergé</Paragraphe></Titre>
            <Paragraphe>Joignez une attestation de la personne qui vous héberge et une copie de sa pièce d''identité.</Paragraphe>
            <FragmentConditionne>
              <Condition><estVrai var="heberge_chez_parent"/></Condition>
              <Paragraphe>Hébergé chez un parent : une simple attestation signée de ce parent suffit.</Paragraphe>
            </FragmentConditionne>
          </SousChapitre>
        </Chapitre>
      </Texte>
    </Situation>
    <Situation>
      <Titre>Renouvellement</Titre>
      <Texte>
        <Chapitre>
          <Titre><Paragraphe>Étapes</Paragraphe></Titre>
          <Liste type="numero">
            <Item><Paragraphe>Remplir la pré-demande en ligne.</Paragraphe></Item>
            <Item><Paragraphe>Prendre rendez-vous en mairie.</Paragraphe></Item>
            <Item><Paragraphe>Retirer la carte au guichet où la demande a été déposée.</Paragraphe></Item>
          </Liste>
          <ASavoir>
            <Titre>À savoir</Titre>
            <Paragraphe>Pour voyager, vous pouvez aussi utiliser un <LienInterne LienPublication="F90002" type="Fiche Question-réponse" audience="Particuliers">passeport</LienInterne>.</Paragraphe>
          </ASavoir>
          <Attention>
            <Titre>Attention</Titre>
            <Paragraphe>Une carte perdue doit d''abord être déclarée : voir la fiche <LienInterne LienPublication="F99999" type="Fiche Question-réponse" audience="Particuliers">déclaration de perte</LienInterne>.</Paragraphe>
          </Attention>
        </Chapitre>
      </Texte>
    </Situation>
  </ListeSituations>
  <Texte>
    <Chapitre>
      <Titre><Paragraphe>Délais et coût</Paragraphe></Titre>
      <Tableau>
        <Titre>Coût selon la situation</Titre>
        <Colonne largeur="50" type="header"/>
        <Colonne largeur="50" type="normal"/>
        <Rangée type="header">
          <Cellule><Paragraphe>Situation</Paragraphe></Cellule>
          <Cellule><Paragraphe>Coût</Paragraphe></Cellule>
        </Rangée>
        <Rangée type="normal">
          <Cellule><Paragraphe>Première demande</Paragraphe></Cellule>
          <Cellule><Paragraphe>Gratuit</Paragraphe></Cellule>
        </Rangée>
        <Rangée type="normal">
          <Cellule><Paragraphe>Perte ou vol</Paragraphe></Cellule>
          <Cellule><Paragraphe>Un timbre fiscal (montant indicatif de l''exemple)</Paragraphe></Cellule>
        </Rangée>
      </Tableau>
      <Paragraphe>Les délais sont publiés sur <LienExterne URL="https://www.example.org/delais">le site d''information des délais</LienExterne>.</Paragraphe>
      <ElementInconnu>Un élément que le portail ne connaît pas garde son texte.</ElementInconnu>
    </Chapitre>
  </Texte>
  <OuSAdresser ID="R90010" type="Local personnalisé sur SP">
    <Titre>Mairie</Titre>
    <PivotLocal>mairie</PivotLocal>
    <RessourceWeb URL="https://lannuaire.service-public.fr/navigation/mairie"/>
    <Source ID="R90011">Annuaire de l''administration (exemple)</Source>
  </OuSAdresser>
  <ServiceEnLigne ID="R90020" type="Téléservice" URL="https://www.example.org/pre-demande">
    <Titre>Pré-demande de carte d''identité</Titre>
    <Source ID="R90021">Service d''exemple</Source>
  </ServiceEnLigne>
  <ServiceEnLigne ID="R90022" type="Formulaire" URL="https://www.example.org/formulaire.pdf">
    <Titre>Attestation d''hébergement</Titre>
    <NumeroFormulaire>00000*01</NumeroFormulaire>
    <Source ID="R90021">Service d''exemple</Source>
  </ServiceEnLigne>
  <Reference type="Texte de référence" URL="https://www.example.org/decret" ID="R90030">
    <Titre>Décret d''exemple relatif à la carte nationale d''identité</Titre>
    <Complement>Articles 1 à 5</Complement>
  </Reference>
  <PourEnSavoirPlus type="Information pratique" ID="R90040" URL="https://www.example.org/guide">
    <Titre>Guide pratique des papiers d''identité</Titre>
    <Source ID="R90041">Éditeur d''exemple</Source>
  </PourEnSavoirPlus>
  <QuestionReponse ID="F90002" audience="Particuliers">Comment obtenir un passeport ?</QuestionReponse>
  <QuestionReponse ID="F99998" audience="Particuliers">Que faire en cas de vol de ses papiers ?</QuestionReponse>
</Publication>
', '4cca4027f4e28cb233d3fe8657eb7f719d57e7bb3148e438d16159c2271315e6', 1, '2026-12-04 18:38:44.883203', 'carte d''identite d''une personne majeure (fiche d''exemple)', 'comment demander ou renouveler sa carte d''identite quand on est majeur : ou s''adresser, quels justificatifs apporter, quel delai prevoir. fiche d''exemple. la carte nationale d''identite prouve votre identite. elle est gratuite lors d''une premiere demande, sauf en cas de perte. premiere demande ou faire la demande ? vous pouvez faire la demande dans n''importe quelle mairie equipee d''une station d''enregistrement, pas seulement celle de votre domicile. a noter une pre-demande en ligne fait gagner du temps au guichet. pieces a fournir apportez les documents suivants : une photo d''identite recente un justificatif de domicile de moins d''un an un acte de naissance, si votre commune de naissance ne participe pas a la dematerialisation si vous etes heberge joignez une attestation de la personne qui vous heberge et une copie de sa piece d''identite. heberge chez un parent : une simple attestation signee de ce parent suffit. renouvellement etapes remplir la pre-demande en ligne. prendre rendez-vous en mairie. retirer la carte au guichet ou la demande a ete deposee. a savoir pour voyager, vous pouvez aussi utiliser un passeport . attention une carte perdue doit d''abord etre declaree : voir la fiche declaration de perte . delais et cout cout selon la situation situation cout premiere demande gratuit perte ou vol un timbre fiscal (montant indicatif de l''exemple) les delais sont publies sur le site d''information des delais . un element que le portail ne connait pas garde son texte. mairie mairie annuaire de l''administration (exemple) pre-demande de carte d''identite service d''exemple attestation d''hebergement 00000*01 service d''exemple decret d''exemple relatif a la carte nationale d''identite articles 1 a 5 guide pratique des papiers d''identite editeur d''exemple comment obtenir un passeport ? que faire en cas de vol de ses papiers ?', DEFAULT);
INSERT INTO public.dila_sheets VALUES (2, 'F90002', 'Fiche Question-réponse', 'https://www.service-public.fr/particuliers/vosdroits/F90002', 'Passeport (fiche d''exemple)', 'Demander un passeport biométrique : le rendez-vous, les pièces et le retrait. Fiche d''exemple.', '2025-01-20', 'particuliers', '["particuliers"]', 'N90000', 'Papiers - Citoyenneté', '[["N90000", "Papiers - Citoyennet\u00e9"]]', 'N90001', 'Papiers d''identité', '[["F90001", "Carte d''identit\u00e9 d''une personne majeure"], ["F90002", "Passeport"]]', '[["Particuliers", "Accueil particuliers", ""], ["N90000", "Papiers - Citoyennet\u00e9", "Th\u00e8me"], ["N90001", "Papiers d''identit\u00e9", "Dossier"]]', '[]', '<div class="sp-intro"><p>Le passeport se demande en mairie, sur rendez-vous.</p></div><div class="sp-situations"><p class="sp-situations-intro">Selon votre situation :</p><ul class="sp-situations-toc"><li><a href="#situation-1">Vous êtes majeur</a></li><li><a href="#situation-2">Vous êtes mineur</a></li></ul><section class="sp-situation" id="situation-1" aria-labelledby="situation-1-titre"><h2 id="situation-1-titre">Vous êtes majeur</h2><p>Présentez-vous en personne avec votre ancien passeport s''il existe.</p></section><section class="sp-situation" id="situation-2" aria-labelledby="situation-2-titre"><h2 id="situation-2-titre">Vous êtes mineur</h2><p>La présence d''un parent est nécessaire lors du dépôt.</p></section></div><section class="sp-aggregate" id="ou-s-adresser" aria-labelledby="ou-s-adresser-titre"><h2 id="ou-s-adresser-titre">Où s’adresser ?</h2><ul class="sp-cards"><li class="sp-card sp-where"><p class="sp-card-title">Mairie</p><div data-girou-local="mairie"></div></li><li class="sp-card sp-where"><p class="sp-card-title">Communauté de communes</p><div data-girou-local="epci"></div></li><li class="sp-card sp-where"><p class="sp-card-title">Préfecture (exemple)</p><p><a href="https://lannuaire.service-public.fr/navigation/prefecture">Consulter l’annuaire</a></p></li></ul></section>', '<!-- Sample sheet written for Girou (demonstration and tests), in the DILA vosdroits format.
     Not a service-public.fr text: its wording is ours and it gives no official information. -->
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F90002" type="Fiche Question-réponse" spUrl="https://www.service-public.fr/particuliers/vosdroits/F90002">
  <dc:title>Passeport (fiche d''exemple)</dc:title>
  <dc:description>Demander un passeport biométrique : le rendez-vous, les pièces et le retrait. Fiche d''exemple.</dc:description>
  <dc:date>modified 2025-01-20</dc:date>
  <Audience>Particuliers</Audience>
  <FilDAriane>
    <Niveau ID="Particuliers">Accueil particuliers</Niveau>
    <Niveau ID="N90000" type="Thème">Papiers - Citoyenneté</Niveau>
    <Niveau ID="N90001" type="Dossier">Papiers d''identité</Niveau>
  </FilDAriane>
  <Theme ID="N90000"><Titre>Papiers - Citoyenneté</Titre></Theme>
  <DossierPere ID="N90001">
    <Titre>Papiers d''identité</Titre>
    <Fiche ID="F90001">Carte d''identité d''une personne majeure</Fiche>
    <Fiche ID="F90002">Passeport</Fiche>
  </DossierPere>
  <Introduction>
    <Texte><Paragraphe>Le passeport se demande en mairie, sur rendez-vous.</Paragraphe></Texte>
  </Introduction>
  <Texte>
    <BlocCas affichage="onglet">
      <Cas>
        <Titre><Paragraphe>Vous êtes majeur</Paragraphe></Titre>
        <Paragraphe>Présentez-vous en personne avec votre ancien passeport s''il existe.</Paragraphe>
      </Cas>
      <Cas>
        <Titre><Paragraphe>Vous êtes mineur</Paragraphe></Titre>
        <Paragraphe>La présence d''un parent est nécessaire lors du dépôt.</Paragraphe>
      </Cas>
    </BlocCas>
  </Texte>
  <OuSAdresser ID="R90012" type="Local personnalisé sur SP">
    <Titre>Mairie</Titre>
    <PivotLocal>mairie</PivotLocal>
  </OuSAdresser>
  <OuSAdresser ID="R90013" type="Local personnalisé sur SP">
    <Titre>Communauté de communes</Titre>
    <PivotLocal>epci</PivotLocal>
  </OuSAdresser>
  <OuSAdresser ID="R90014" type="Centre de contact">
    <Titre>Préfecture (exemple)</Titre>
    <RessourceWeb URL="https://lannuaire.service-public.fr/navigation/prefecture"/>
  </OuSAdresser>
</Publication>
', '0fc11aea685fcb2234f6169c27e695ab7fb8b01b4658078936727d1f6ce6ff86', 1, '2026-12-04 18:38:44.916185', 'passeport (fiche d''exemple)', 'demander un passeport biometrique : le rendez-vous, les pieces et le retrait. fiche d''exemple. le passeport se demande en mairie, sur rendez-vous. vous etes majeur presentez-vous en personne avec votre ancien passeport s''il existe. vous etes mineur la presence d''un parent est necessaire lors du depot. mairie mairie communaute de communes epci prefecture (exemple)', DEFAULT);
INSERT INTO public.dila_sheets VALUES (3, 'F90003', 'Fiche pratique', 'https://www.service-public.fr/professionnels-entreprises/vosdroits/F90003', 'Installer une terrasse de café ou de restaurant (fiche d''exemple)', 'L''autorisation d''occuper le trottoir : à qui la demander, combien de temps elle vaut. Fiche d''exemple.', '2024-11-05', 'professionnels', '["professionnels"]', 'N90010', 'Commerce', '[["N90010", "Commerce"]]', 'N90011', 'Occupation du domaine public', '[["F90003", "Terrasse"]]', '[["Professionnels", "Accueil professionnels", ""], ["N90010", "Commerce", "Th\u00e8me"], ["N90011", "Occupation du domaine public", "Dossier"]]', '[]', '<p>Une terrasse sur le trottoir demande un <strong>permis de stationnement</strong> délivré par la mairie.</p><div class="sp-chapter"><h2 id="section-1">Durée de l''autorisation</h2><p>L''autorisation est personnelle et temporaire ; elle se renouvelle chaque année dans l''exemple.</p></div><section class="sp-aggregate" id="ou-s-adresser" aria-labelledby="ou-s-adresser-titre"><h2 id="ou-s-adresser-titre">Où s’adresser ?</h2><ul class="sp-cards"><li class="sp-card sp-where"><p class="sp-card-title">Mairie</p><div data-girou-local="mairie"></div></li></ul></section>', '<!-- Sample sheet written for Girou (demonstration and tests), in the DILA vosdroits format.
     Not a service-public.fr text: its wording is ours and it gives no official information. -->
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F90003" type="Fiche pratique" spUrl="https://www.service-public.fr/professionnels-entreprises/vosdroits/F90003">
  <dc:title>Installer une terrasse de café ou de restaurant (fiche d''exemple)</dc:title>
  <dc:description>L''autorisation d''occuper le trottoir : à qui la demander, combien de temps elle vaut. Fiche d''exemple.</dc:description>
  <dc:date>modified 2024-11-05</dc:date>
  <Audience>Professionnels</Audience>
  <FilDAriane>
    <Niveau ID="Professionnels">Accueil professionnels</Niveau>
    <Niveau ID="N90010" type="Thème">Commerce</Niveau>
    <Niveau ID="N90011" type="Dossier">Occupation du domaine public</Niveau>
  </FilDAriane>
  <Theme ID="N90010"><Titre>Commerce</Titre></Theme>
  <DossierPere ID="N90011"><Titre>Occupation du domaine public</Titre><Fiche ID="F90003">Terrasse</Fiche></DossierPere>
  <Texte>
    <Paragraphe>Une terrasse sur le trottoir demande un <MiseEnEvidence>permis de stationnement</MiseEnEvidence> délivré par la mairie.</Paragraphe>
    <Chapitre>
      <Titre><Paragraphe>Durée de l''autorisation</Paragraphe></Titre>
      <Paragraphe>L''autorisation est personnelle et temporaire ; elle se renouvelle chaque année dans l''exemple.</Paragraphe>
    </Chapitre>
  </Texte>
  <OuSAdresser ID="R90015" type="Local personnalisé sur SP"><Titre>Mairie</Titre><PivotLocal>mairie</PivotLocal></OuSAdresser>
</Publication>
', '01209d963368c4230689153df5194d7fa9a4bbb49a9f371d07a311aecce087d2', 1, '2026-12-04 18:38:44.938629', 'installer une terrasse de cafe ou de restaurant (fiche d''exemple)', 'l''autorisation d''occuper le trottoir : a qui la demander, combien de temps elle vaut. fiche d''exemple. une terrasse sur le trottoir demande un permis de stationnement delivre par la mairie. duree de l''autorisation l''autorisation est personnelle et temporaire ; elle se renouvelle chaque annee dans l''exemple. mairie mairie', DEFAULT);
INSERT INTO public.dila_sheets VALUES (4, 'F90004', 'Fiche pratique', 'https://www.service-public.fr/associations/vosdroits/F90004', 'Organiser une fête ou une buvette associative (fiche d''exemple)', 'Ce qu''une association déclare avant une manifestation ouverte au public. Fiche d''exemple.', '2025-04-02', 'associations', '["associations"]', 'N90020', 'Vie de l''association', '[["N90020", "Vie de l''association"]]', 'N90021', 'Manifestations', '[["F90004", "F\u00eate associative"]]', '[["Associations", "Accueil associations", ""], ["N90020", "Vie de l''association", "Th\u00e8me"], ["N90021", "Manifestations", "Dossier"]]', '[]', '<p>Une buvette temporaire se déclare à la mairie de la commune où elle se tient, au moins quinze jours avant dans cet exemple.</p><ul class="sp-checklist"><li>Déclarer la buvette</li><li>Prévenir les voisins</li></ul><section class="sp-aggregate" id="ou-s-adresser" aria-labelledby="ou-s-adresser-titre"><h2 id="ou-s-adresser-titre">Où s’adresser ?</h2><ul class="sp-cards"><li class="sp-card sp-where"><p class="sp-card-title">Mairie</p><div data-girou-local="mairie"></div></li></ul></section>', '<!-- Sample sheet written for Girou (demonstration and tests), in the DILA vosdroits format.
     Not a service-public.fr text: its wording is ours and it gives no official information. -->
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F90004" type="Fiche pratique" spUrl="https://www.service-public.fr/associations/vosdroits/F90004">
  <dc:title>Organiser une fête ou une buvette associative (fiche d''exemple)</dc:title>
  <dc:description>Ce qu''une association déclare avant une manifestation ouverte au public. Fiche d''exemple.</dc:description>
  <dc:date>modified 2025-04-02</dc:date>
  <Audience>Associations</Audience>
  <FilDAriane>
    <Niveau ID="Associations">Accueil associations</Niveau>
    <Niveau ID="N90020" type="Thème">Vie de l''association</Niveau>
    <Niveau ID="N90021" type="Dossier">Manifestations</Niveau>
  </FilDAriane>
  <Theme ID="N90020"><Titre>Vie de l''association</Titre></Theme>
  <DossierPere ID="N90021"><Titre>Manifestations</Titre><Fiche ID="F90004">Fête associative</Fiche></DossierPere>
  <Texte>
    <Paragraphe>Une buvette temporaire se déclare à la mairie de la commune où elle se tient, au moins quinze jours avant dans cet exemple.</Paragraphe>
    <Liste type="caseACocher">
      <Item><Paragraphe>Déclarer la buvette</Paragraphe></Item>
      <Item><Paragraphe>Prévenir les voisins</Paragraphe></Item>
    </Liste>
  </Texte>
  <OuSAdresser ID="R90016" type="Local personnalisé sur SP"><Titre>Mairie</Titre><PivotLocal>mairie</PivotLocal></OuSAdresser>
</Publication>
', '780c668329646b44a1b6f4ef79bfdb7028de2228e0995f34ddca3fa06315e494', 1, '2026-12-04 18:38:44.946686', 'organiser une fete ou une buvette associative (fiche d''exemple)', 'ce qu''une association declare avant une manifestation ouverte au public. fiche d''exemple. une buvette temporaire se declare a la mairie de la commune ou elle se tient, au moins quinze jours avant dans cet exemple. declarer la buvette prevenir les voisins mairie mairie', DEFAULT);
INSERT INTO public.dila_sheets VALUES (5, 'F90005', 'Fiche Question-réponse', 'https://www.service-public.fr/particuliers/vosdroits/F90005', 'S''inscrire sur les listes électorales (fiche d''exemple)', 'L''inscription en mairie ou en ligne, et la date limite avant un scrutin. Fiche d''exemple.', '2025-05-12', 'particuliers', '["particuliers"]', 'N90000', 'Papiers - Citoyenneté', '[["N90000", "Papiers - Citoyennet\u00e9"]]', 'N90002', 'Élections', '[["F90005", "Listes \u00e9lectorales"]]', '[["Particuliers", "Accueil particuliers", ""], ["N90000", "Papiers - Citoyennet\u00e9", "Th\u00e8me"], ["N90002", "\u00c9lections", "Dossier"]]', '[]', '<p>L''inscription se fait à la mairie de votre domicile ou en ligne, jusqu''au sixième vendredi avant le scrutin dans cet exemple.</p><section class="sp-aggregate" id="ou-s-adresser" aria-labelledby="ou-s-adresser-titre"><h2 id="ou-s-adresser-titre">Où s’adresser ?</h2><ul class="sp-cards"><li class="sp-card sp-where"><p class="sp-card-title">Mairie</p><div data-girou-local="mairie"></div></li></ul></section><section class="sp-aggregate" id="services-en-ligne" aria-labelledby="services-en-ligne-titre"><h2 id="services-en-ligne-titre">Services en ligne et formulaires</h2><ul class="sp-cards"><li class="sp-card"><p class="sp-card-title"><a href="https://www.example.org/inscription-electorale">Inscription en ligne</a></p><p class="sp-card-meta">Téléservice</p></li></ul></section>', '<!-- Sample sheet written for Girou (demonstration and tests), in the DILA vosdroits format.
     Not a service-public.fr text: its wording is ours and it gives no official information. -->
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="F90005" type="Fiche Question-réponse" spUrl="https://www.service-public.fr/particuliers/vosdroits/F90005">
  <dc:title>S''inscrire sur les listes électorales (fiche d''exemple)</dc:title>
  <dc:description>L''inscription en mairie ou en ligne, et la date limite avant un scrutin. Fiche d''exemple.</dc:description>
  <dc:date>modified 2025-05-12</dc:date>
  <Audience>Particuliers</Audience>
  <FilDAriane>
    <Niveau ID="Particuliers">Accueil particuliers</Niveau>
    <Niveau ID="N90000" type="Thème">Papiers - Citoyenneté</Niveau>
    <Niveau ID="N90002" type="Dossier">Élections</Niveau>
  </FilDAriane>
  <Theme ID="N90000"><Titre>Papiers - Citoyenneté</Titre></Theme>
  <DossierPere ID="N90002"><Titre>Élections</Titre><Fiche ID="F90005">Listes électorales</Fiche></DossierPere>
  <Texte>
    <Paragraphe>L''inscription se fait à la mairie de votre domicile ou en ligne, jusqu''au sixième vendredi avant le scrutin dans cet exemple.</Paragraphe>
  </Texte>
  <ServiceEnLigne ID="R90023" type="Téléservice" URL="https://www.example.org/inscription-electorale"><Titre>Inscription en ligne</Titre></ServiceEnLigne>
  <OuSAdresser ID="R90017" type="Local personnalisé sur SP"><Titre>Mairie</Titre><PivotLocal>mairie</PivotLocal></OuSAdresser>
</Publication>
', 'ec579cb0e40deff70cd4cb74a821d379c01b2fac0ebe3ddf601ebddde7b43daa', 1, '2026-12-04 18:38:44.955011', 's''inscrire sur les listes electorales (fiche d''exemple)', 'l''inscription en mairie ou en ligne, et la date limite avant un scrutin. fiche d''exemple. l''inscription se fait a la mairie de votre domicile ou en ligne, jusqu''au sixieme vendredi avant le scrutin dans cet exemple. inscription en ligne mairie mairie', DEFAULT);
INSERT INTO public.dila_sheets VALUES (6, 'N90001', 'Dossier', 'https://www.service-public.fr/particuliers/vosdroits/N90001', 'Papiers d''identité (dossier d''exemple)', 'Carte d''identité et passeport : les démarches pour les obtenir. Dossier d''exemple.', '2025-02-01', 'particuliers', '["particuliers"]', 'N90000', 'Papiers - Citoyenneté', '[["N90000", "Papiers - Citoyennet\u00e9"]]', NULL, NULL, '[]', '[["Particuliers", "Accueil particuliers", ""], ["N90000", "Papiers - Citoyennet\u00e9", "Th\u00e8me"]]', '["F90001", "F90002"]', '<div class="sp-intro"><p>Les papiers qui prouvent votre identité.</p></div><section class="sp-folder" aria-labelledby="contenu-dossier"><h2 id="contenu-dossier">Dans ce dossier</h2><ul><li><a href="dila:particuliers/F90001">Carte d''identité d''une personne majeure</a></li></ul><h3>Voyager</h3><ul><li><a href="dila:particuliers/F90002">Passeport</a></li></ul></section>', '<!-- Sample folder written for Girou (demonstration and tests), in the DILA vosdroits format. -->
<Publication xmlns:dc="http://purl.org/dc/elements/1.1/" ID="N90001" type="Dossier" spUrl="https://www.service-public.fr/particuliers/vosdroits/N90001">
  <dc:title>Papiers d''identité (dossier d''exemple)</dc:title>
  <dc:description>Carte d''identité et passeport : les démarches pour les obtenir. Dossier d''exemple.</dc:description>
  <dc:date>modified 2025-02-01</dc:date>
  <Audience>Particuliers</Audience>
  <FilDAriane>
    <Niveau ID="Particuliers">Accueil particuliers</Niveau>
    <Niveau ID="N90000" type="Thème">Papiers - Citoyenneté</Niveau>
  </FilDAriane>
  <Theme ID="N90000"><Titre>Papiers - Citoyenneté</Titre></Theme>
  <Introduction><Texte><Paragraphe>Les papiers qui prouvent votre identité.</Paragraphe></Texte></Introduction>
  <Fiche ID="F90001">Carte d''identité d''une personne majeure</Fiche>
  <SousDossier>
    <Titre>Voyager</Titre>
    <Fiche ID="F90002">Passeport</Fiche>
  </SousDossier>
</Publication>
', 'a4db108b3d93b504323c1b4f0606e49db9fb441dd590aadc1817e1bf7c71b169', 1, '2026-12-04 18:38:44.961963', 'papiers d''identite (dossier d''exemple)', 'carte d''identite et passeport : les demarches pour les obtenir. dossier d''exemple. les papiers qui prouvent votre identite. carte d''identite d''une personne majeure voyager passeport', DEFAULT);

INSERT INTO public.directory_entries VALUES (1, '2026-12-04 18:38:44.996138', '2026-12-04 18:38:44.996146', 'comite des fetes de bazus', 'association comite des fetes bazus salle des fetes, place du village organise la fete locale de l''ete, le vide-greniers et le reveillon du village. benevoles bienvenus.', 'Comité des fêtes de Bazus', 'association', 'Comité des fêtes', '31049', 'Salle des fêtes, place du village', 'contact@comitédesfêtesdebazus.example', '05 36 49 10 00', 'https://comitédesfêtesdebazus.example', 'Organise la fête locale de l''été, le vide-greniers et le réveillon du village. Bénévoles bienvenus.', 1.512, 43.734, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (2, '2026-12-04 18:38:44.99633', '2026-12-04 18:38:44.996333', 'menuiserie des coteaux (demo)', 'entreprise artisanat et batiment bazus 4 chemin des artisans menuiserie bois et aluminium, fenetres, escaliers et agencement sur mesure. entreprise fictive de demonstration.', 'Menuiserie des Coteaux (démo)', 'entreprise', 'Artisanat et bâtiment', '31049', '4 chemin des Artisans', 'contact@menuiseriedescoteaux.example', '05 36 49 11 07', 'https://menuiseriedescoteaux.example', 'Menuiserie bois et aluminium, fenêtres, escaliers et agencement sur mesure. Entreprise fictive de démonstration.', 1.5156, 43.7403, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (3, '2026-12-04 18:38:44.996407', '2026-12-04 18:38:44.996408', 'les amis du chateau de bonrepos (demo)', 'association patrimoine et memoire bonrepos-riquet mairie, 1 place de la mairie association fictive de mise en valeur du patrimoine : visites guidees, journees du patrimoine, conferences.', 'Les Amis du château de Bonrepos (démo)', 'association', 'Patrimoine et mémoire', '31074', 'Mairie, 1 place de la Mairie', 'contact@lesamisduchâteaudebonrep.example', '05 36 49 12 14', 'https://lesamisduchâteaudebonrep.example', 'Association fictive de mise en valeur du patrimoine : visites guidées, journées du patrimoine, conférences.', 1.6207, 43.6729, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (4, '2026-12-04 18:38:44.996484', '2026-12-04 18:38:44.996486', 'gite du canal (demo)', 'entreprise hebergement bonrepos-riquet 12 route du canal gite rural de six personnes au calme, entre vignes et champs. hebergement fictif de demonstration.', 'Gîte du Canal (démo)', 'entreprise', 'Hébergement', '31074', '12 route du Canal', 'contact@gîteducanal.example', '05 36 49 13 21', 'https://gîteducanal.example', 'Gîte rural de six personnes au calme, entre vignes et champs. Hébergement fictif de démonstration.', 1.6144, 43.6715, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (5, '2026-12-04 18:38:44.996544', '2026-12-04 18:38:44.996546', 'tennis club de garidech (demo)', 'association sport garidech complexe sportif, avenue des sports cours pour enfants et adultes, tournoi de printemps, deux courts eclaires. club fictif.', 'Tennis club de Garidech (démo)', 'association', 'Sport', '31212', 'Complexe sportif, avenue des Sports', 'contact@tennisclubdegaridech.example', '05 36 49 14 28', 'https://tennisclubdegaridech.example', 'Cours pour enfants et adultes, tournoi de printemps, deux courts éclairés. Club fictif.', 1.559, 43.7101, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (6, '2026-12-04 18:38:44.996606', '2026-12-04 18:38:44.996608', 'boulangerie du girou (demo)', 'entreprise alimentation garidech 8 rue principale pain au levain, viennoiseries et patisseries maison, ouverte du mardi au dimanche. commerce fictif.', 'Boulangerie du Girou (démo)', 'entreprise', 'Alimentation', '31212', '8 rue Principale', 'contact@boulangeriedugirou.example', '05 36 49 15 35', 'https://boulangeriedugirou.example', 'Pain au levain, viennoiseries et pâtisseries maison, ouverte du mardi au dimanche. Commerce fictif.', 1.5626, 43.7087, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (7, '2026-12-04 18:38:44.996664', '2026-12-04 18:38:44.996665', 'gaure nature (demo)', 'association environnement gaure maison des associations sorties nature, nettoyage des berges et plantation de haies avec les ecoles. association fictive.', 'Gauré nature (démo)', 'association', 'Environnement', '31215', 'Maison des associations', 'contact@gaurénature.example', '05 36 49 16 42', 'https://gaurénature.example', 'Sorties nature, nettoyage des berges et plantation de haies avec les écoles. Association fictive.', 1.6338, 43.621, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (8, '2026-12-04 18:38:44.996722', '2026-12-04 18:38:44.996723', 'ferme du pigeonnier (demo)', 'entreprise producteurs et agriculture gaure lieu-dit le pigeonnier legumes de saison et oeufs en vente directe le vendredi soir. exploitation fictive.', 'Ferme du Pigeonnier (démo)', 'entreprise', 'Producteurs et agriculture', '31215', 'Lieu-dit le Pigeonnier', 'contact@fermedupigeonnier.example', '05 36 49 17 49', 'https://fermedupigeonnier.example', 'Légumes de saison et œufs en vente directe le vendredi soir. Exploitation fictive.', 1.6374, 43.6196, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (9, '2026-12-04 18:38:44.996784', '2026-12-04 18:38:44.996785', 'club des aines de gemil (demo)', 'association loisirs gemil salle communale jeux de societe, belote, gouters et sorties a la journee pour les plus de 60 ans. club fictif.', 'Club des aînés de Gémil (démo)', 'association', 'Loisirs', '31216', 'Salle communale', 'contact@clubdesaînésdegémil.example', '05 36 49 18 56', 'https://clubdesaînésdegémil.example', 'Jeux de société, belote, goûters et sorties à la journée pour les plus de 60 ans. Club fictif.', 1.5935, 43.7387, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (10, '2026-12-04 18:38:44.996843', '2026-12-04 18:38:44.996844', 'informatique a domicile gemil (demo)', 'entreprise services gemil 3 impasse des chenes depannage informatique, installation internet et cours pour debutants a domicile. entreprise fictive.', 'Informatique à domicile Gémil (démo)', 'entreprise', 'Services', '31216', '3 impasse des Chênes', 'contact@informatiqueàdomicilegém.example', '05 36 49 19 63', 'https://informatiqueàdomicilegém.example', 'Dépannage informatique, installation internet et cours pour débutants à domicile. Entreprise fictive.', 1.5872, 43.7373, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (11, '2026-12-04 18:38:44.9969', '2026-12-04 18:38:44.996902', 'chorale a travers chants (demo)', 'association culture gragnague salle polyvalente chorale adulte, repertoire varie, repetitions le jeudi soir et concerts a noel. association fictive.', 'Chorale À travers chants (démo)', 'association', 'Culture', '31228', 'Salle polyvalente', 'contact@choraleàtraverschants.example', '05 36 49 20 70', 'https://choraleàtraverschants.example', 'Chorale adulte, répertoire varié, répétitions le jeudi soir et concerts à Noël. Association fictive.', 1.5848, 43.6799, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (12, '2026-12-04 18:38:44.996958', '2026-12-04 18:38:44.99696', 'restaurant le relais du girou (demo)', 'entreprise restauration gragnague 22 route de toulouse cuisine du sud-ouest, menu du jour le midi en semaine, terrasse en ete. restaurant fictif.', 'Restaurant Le Relais du Girou (démo)', 'entreprise', 'Restauration', '31228', '22 route de Toulouse', 'contact@restaurantlerelaisdugiro.example', '05 36 49 21 77', 'https://restaurantlerelaisdugiro.example', 'Cuisine du Sud-Ouest, menu du jour le midi en semaine, terrasse en été. Restaurant fictif.', 1.5785, 43.6785, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (13, '2026-12-04 18:38:44.997015', '2026-12-04 18:38:44.997017', 'cabinet de kinesitherapie de gragnague (demo)', 'entreprise sante et bien-etre gragnague 5 place de la halle reeducation, kinesitherapie respiratoire et sportive, sur rendez-vous. cabinet fictif.', 'Cabinet de kinésithérapie de Gragnague (démo)', 'entreprise', 'Santé et bien-être', '31228', '5 place de la Halle', 'contact@cabinetdekinésithérapied.example', '05 36 49 22 84', 'https://cabinetdekinésithérapied.example', 'Rééducation, kinésithérapie respiratoire et sportive, sur rendez-vous. Cabinet fictif.', 1.5821, 43.6848, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (14, '2026-12-04 18:38:44.997077', '2026-12-04 18:38:44.997079', 'football club lapeyrouse (demo)', 'association sport lapeyrouse-fossat stade municipal ecole de foot des 5 ans, equipes seniors et veterans, stages pendant les vacances. club fictif.', 'Football club Lapeyrouse (démo)', 'association', 'Sport', '31273', 'Stade municipal', 'contact@footballclublapeyrouse.example', '05 36 49 23 91', 'https://footballclublapeyrouse.example', 'École de foot dès 5 ans, équipes seniors et vétérans, stages pendant les vacances. Club fictif.', 1.5137, 43.6994, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (15, '2026-12-04 18:38:44.997134', '2026-12-04 18:38:44.997135', 'fleurs et jardins (demo)', 'entreprise commerce lapeyrouse-fossat 1 avenue de la gare fleuriste : bouquets, compositions pour les fetes et plantes de jardin. commerce fictif.', 'Fleurs et jardins (démo)', 'entreprise', 'Commerce', '31273', '1 avenue de la Gare', 'contact@fleursetjardins.example', '05 36 49 24 98', 'https://fleursetjardins.example', 'Fleuriste : bouquets, compositions pour les fêtes et plantes de jardin. Commerce fictif.', 1.5074, 43.698, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (16, '2026-12-04 18:38:44.997193', '2026-12-04 18:38:44.997194', 'association des parents d''eleves de lapeyrouse (demo)', 'association enfance et jeunesse lapeyrouse-fossat ecole elementaire represente les parents, organise la kermesse et le marche de noel de l''ecole. association fictive.', 'Association des parents d''élèves de Lapeyrouse (démo)', 'association', 'Enfance et jeunesse', '31273', 'École élémentaire', 'contact@associationdesparentsdél.example', '05 36 49 25 05', 'https://associationdesparentsdél.example', 'Représente les parents, organise la kermesse et le marché de Noël de l''école. Association fictive.', 1.511, 43.6966, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (17, '2026-12-04 18:38:44.997253', '2026-12-04 18:38:44.997255', 'lavalette randonnee (demo)', 'association loisirs lavalette place de l''eglise randonnees le dimanche matin dans les coteaux, sorties a la journee une fois par mois. association fictive.', 'Lavalette randonnée (démo)', 'association', 'Loisirs', '31285', 'Place de l''Église', 'contact@lavaletterandonnée.example', '05 36 49 26 12', 'https://lavaletterandonnée.example', 'Randonnées le dimanche matin dans les coteaux, sorties à la journée une fois par mois. Association fictive.', 1.6011, 43.6332, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (18, '2026-12-04 18:38:44.997308', '2026-12-04 18:38:44.99731', 'plomberie lavalette (demo)', 'entreprise artisanat et batiment lavalette 9 chemin du moulin plomberie, chauffage, depannage rapide et installation de pompes a chaleur. entreprise fictive.', 'Plomberie Lavalette (démo)', 'entreprise', 'Artisanat et bâtiment', '31285', '9 chemin du Moulin', 'contact@plomberielavalette.example', '05 36 49 27 19', 'https://plomberielavalette.example', 'Plomberie, chauffage, dépannage rapide et installation de pompes à chaleur. Entreprise fictive.', 1.5948, 43.6395, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (19, '2026-12-04 18:38:44.997365', '2026-12-04 18:38:44.997366', 'entraide montastruc (demo)', 'association solidarite montastruc-la-conseillere maison des solidarites aide alimentaire, accompagnement aux demarches et vestiaire solidaire. association fictive.', 'Entraide Montastruc (démo)', 'association', 'Solidarité', '31358', 'Maison des solidarités', 'contact@entraidemontastruc.example', '05 36 49 28 26', 'https://entraidemontastruc.example', 'Aide alimentaire, accompagnement aux démarches et vestiaire solidaire. Association fictive.', 1.5899, 43.7201, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (20, '2026-12-04 18:38:44.997421', '2026-12-04 18:38:44.997422', 'epicerie du marche (demo)', 'entreprise alimentation montastruc-la-conseillere 2 place du marche epicerie fine, produits locaux et fromages a la coupe, ouverte 7 jours sur 7. commerce fictif.', 'Épicerie du marché (démo)', 'entreprise', 'Alimentation', '31358', '2 place du Marché', 'contact@épiceriedumarché.example', '05 36 49 29 33', 'https://épiceriedumarché.example', 'Épicerie fine, produits locaux et fromages à la coupe, ouverte 7 jours sur 7. Commerce fictif.', 1.5935, 43.7187, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (21, '2026-12-04 18:38:44.997477', '2026-12-04 18:38:44.997479', 'judo club montastruc (demo)', 'association sport montastruc-la-conseillere dojo intercommunal judo et jujitsu des 4 ans, cours adultes et preparation aux ceintures. club fictif.', 'Judo club Montastruc (démo)', 'association', 'Sport', '31358', 'Dojo intercommunal', 'contact@judoclubmontastruc.example', '05 36 49 30 40', 'https://judoclubmontastruc.example', 'Judo et jujitsu dès 4 ans, cours adultes et préparation aux ceintures. Club fictif.', 1.5872, 43.7173, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (22, '2026-12-04 18:38:44.997536', '2026-12-04 18:38:44.997538', 'theatre des coteaux (demo)', 'association culture montjoire foyer rural troupe amateur : ateliers enfants et adultes, deux spectacles par an. association fictive.', 'Théâtre des Coteaux (démo)', 'association', 'Culture', '31383', 'Foyer rural', 'contact@théâtredescoteaux.example', '05 36 49 31 47', 'https://théâtredescoteaux.example', 'Troupe amateur : ateliers enfants et adultes, deux spectacles par an. Association fictive.', 1.5448, 43.7709, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (23, '2026-12-04 18:38:44.997582', '2026-12-04 18:38:44.997584', 'garage de montjoire (demo)', 'entreprise services montjoire 14 route de bessieres entretien et reparation toutes marques, pneus, controle avant controle technique. garage fictif.', 'Garage de Montjoire (démo)', 'entreprise', 'Services', '31383', '14 route de Bessières', 'contact@garagedemontjoire.example', '05 36 49 32 54', 'https://garagedemontjoire.example', 'Entretien et réparation toutes marques, pneus, contrôle avant contrôle technique. Garage fictif.', 1.5385, 43.7695, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (24, '2026-12-04 18:38:44.997642', '2026-12-04 18:38:44.997644', 'comite des fetes de montpitol (demo)', 'association comite des fetes montpitol salle des fetes fete votive, repas du village et feu de la saint-jean. association fictive.', 'Comité des fêtes de Montpitol (démo)', 'association', 'Comité des fêtes', '31388', 'Salle des fêtes', 'contact@comitédesfêtesdemontpito.example', '05 36 49 33 61', 'https://comitédesfêtesdemontpito.example', 'Fête votive, repas du village et feu de la Saint-Jean. Association fictive.', 1.6431, 43.7088, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (25, '2026-12-04 18:38:44.997698', '2026-12-04 18:38:44.997699', 'miel des coteaux (demo)', 'entreprise producteurs et agriculture montpitol lieu-dit en bernat apiculteur : miels toutes fleurs et de tournesol, vente sur place le samedi. exploitation fictive.', 'Miel des coteaux (démo)', 'entreprise', 'Producteurs et agriculture', '31388', 'Lieu-dit En Bernat', 'contact@mieldescoteaux.example', '05 36 49 34 68', 'https://mieldescoteaux.example', 'Apiculteur : miels toutes fleurs et de tournesol, vente sur place le samedi. Exploitation fictive.', 1.6467, 43.7074, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (26, '2026-12-04 18:38:44.997744', '2026-12-04 18:38:44.997745', 'ludotheque de paulhac (demo)', 'association enfance et jeunesse paulhac maison de l''enfance pret de jeux, soirees jeux en famille un vendredi par mois. association fictive.', 'Ludothèque de Paulhac (démo)', 'association', 'Enfance et jeunesse', '31407', 'Maison de l''enfance', 'contact@ludothèquedepaulhac.example', '05 36 49 35 75', 'https://ludothèquedepaulhac.example', 'Prêt de jeux, soirées jeux en famille un vendredi par mois. Association fictive.', 1.5569, 43.756, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (27, '2026-12-04 18:38:44.997798', '2026-12-04 18:38:44.997799', 'institut de beaute paulhac (demo)', 'entreprise sante et bien-etre paulhac 6 rue des ecoles soins du visage, epilation, manucure, sur rendez-vous. institut fictif.', 'Institut de beauté Paulhac (démo)', 'entreprise', 'Santé et bien-être', '31407', '6 rue des Écoles', 'contact@institutdebeautépaulhac.example', '05 36 49 36 82', 'https://institutdebeautépaulhac.example', 'Soins du visage, épilation, manucure, sur rendez-vous. Institut fictif.', 1.5605, 43.7546, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (28, '2026-12-04 18:38:44.997849', '2026-12-04 18:38:44.99785', 'petanque roqueserieroise (demo)', 'association sport roqueseriere boulodrome concours le samedi apres-midi en ete, licences et loisir. club fictif.', 'Pétanque roquesérièroise (démo)', 'association', 'Sport', '31459', 'Boulodrome', 'contact@pétanqueroquesérièroise.example', '05 36 49 37 89', 'https://pétanqueroquesérièroise.example', 'Concours le samedi après-midi en été, licences et loisir. Club fictif.', 1.6361, 43.7242, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (29, '2026-12-04 18:38:44.997901', '2026-12-04 18:38:44.997903', 'chambres d''hotes du vallon (demo)', 'entreprise hebergement roqueseriere chemin du vallon trois chambres d''hotes avec piscine et petit-dejeuner maison. hebergement fictif.', 'Chambres d''hôtes du Vallon (démo)', 'entreprise', 'Hébergement', '31459', 'Chemin du Vallon', 'contact@chambresdhôtesduvallon.example', '05 36 49 38 96', 'https://chambresdhôtesduvallon.example', 'Trois chambres d''hôtes avec piscine et petit-déjeuner maison. Hébergement fictif.', 1.6298, 43.7305, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (30, '2026-12-04 18:38:44.997954', '2026-12-04 18:38:44.997956', 'jardins partages de saint-jean-lherm (demo)', 'association environnement saint-jean-lherm derriere la mairie parcelles de jardin partagees, compost collectif et trocs de graines. association fictive.', 'Jardins partagés de Saint-Jean-Lherm (démo)', 'association', 'Environnement', '31489', 'Derrière la mairie', 'contact@jardinspartagésdesaintje.example', '05 36 49 39 03', 'https://jardinspartagésdesaintje.example', 'Parcelles de jardin partagées, compost collectif et trocs de graines. Association fictive.', 1.6264, 43.7006, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (31, '2026-12-04 18:38:44.998012', '2026-12-04 18:38:44.998013', 'electricite generale lherm (demo)', 'entreprise artisanat et batiment saint-jean-lherm 3 route de montastruc electricite generale, mise aux normes, domotique et bornes de recharge. entreprise fictive.', 'Électricité générale Lherm (démo)', 'entreprise', 'Artisanat et bâtiment', '31489', '3 route de Montastruc', 'contact@électricitégénéralelherm.example', '05 36 49 40 10', 'https://électricitégénéralelherm.example', 'Électricité générale, mise aux normes, domotique et bornes de recharge. Entreprise fictive.', 1.63, 43.6992, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (32, '2026-12-04 18:38:44.998069', '2026-12-04 18:38:44.998071', 'bibliotheque associative de saint-marcel (demo)', 'association culture saint-marcel-paulel place de la mairie pret de livres, lectures pour les tout-petits, club lecture mensuel. association fictive.', 'Bibliothèque associative de Saint-Marcel (démo)', 'association', 'Culture', '31501', 'Place de la Mairie', 'contact@bibliothèqueassociatived.example', '05 36 49 41 17', 'https://bibliothèqueassociatived.example', 'Prêt de livres, lectures pour les tout-petits, club lecture mensuel. Association fictive.', 1.6102, 43.6578, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (33, '2026-12-04 18:38:45.002481', '2026-12-04 18:38:45.002488', 'food-truck la roulotte (demo)', 'entreprise restauration saint-marcel-paulel place de la mairie (le mercredi soir) burgers et frites maison avec des produits locaux, le mercredi soir. commerce fictif.', 'Food-truck La Roulotte (démo)', 'entreprise', 'Restauration', '31501', 'Place de la Mairie (le mercredi soir)', 'contact@foodtrucklaroulotte.example', '05 36 49 42 24', 'https://foodtrucklaroulotte.example', 'Burgers et frites maison avec des produits locaux, le mercredi soir. Commerce fictif.', 1.6138, 43.6564, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (34, '2026-12-04 18:38:45.002599', '2026-12-04 18:38:45.002602', 'atelier couture de saint-pierre (demo)', 'association loisirs saint-pierre salle communale couture, tricot et retouches, entraide entre debutants et confirmes. association fictive.', 'Atelier couture de Saint-Pierre (démo)', 'association', 'Loisirs', '31511', 'Salle communale', 'contact@ateliercouturedesaintpie.example', '05 36 49 43 31', 'https://ateliercouturedesaintpie.example', 'Couture, tricot et retouches, entraide entre débutants et confirmés. Association fictive.', 1.6565, 43.6365, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (35, '2026-12-04 18:38:45.002665', '2026-12-04 18:38:45.002667', 'paysagiste saint-pierre (demo)', 'entreprise services saint-pierre lieu-dit las bordes creation et entretien de jardins, taille de haies, elagage. entreprise fictive.', 'Paysagiste Saint-Pierre (démo)', 'entreprise', 'Services', '31511', 'Lieu-dit Las Bordes', 'contact@paysagistesaintpierre.example', '05 36 49 44 38', 'https://paysagistesaintpierre.example', 'Création et entretien de jardins, taille de haies, élagage. Entreprise fictive.', 1.6601, 43.6428, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (36, '2026-12-04 18:38:45.002721', '2026-12-04 18:38:45.002722', 'rugby club verfeillois (demo)', 'association sport verfeil stade pierre-exemple ecole de rugby, equipes jeunes et seniors, matchs le dimanche. club fictif.', 'Rugby club verfeillois (démo)', 'association', 'Sport', '31573', 'Stade Pierre-Exemple', 'contact@rugbyclubverfeillois.example', '05 36 49 45 45', 'https://rugbyclubverfeillois.example', 'École de rugby, équipes jeunes et seniors, matchs le dimanche. Club fictif.', 1.6667, 43.6574, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (37, '2026-12-04 18:38:45.002775', '2026-12-04 18:38:45.002776', 'boucherie charcuterie de verfeil (demo)', 'entreprise alimentation verfeil 15 grand-rue viandes d''eleveurs locaux, charcuterie et plats cuisines maison. commerce fictif.', 'Boucherie charcuterie de Verfeil (démo)', 'entreprise', 'Alimentation', '31573', '15 Grand-Rue', 'contact@boucheriecharcuteriedeve.example', '05 36 49 46 52', 'https://boucheriecharcuteriedeve.example', 'Viandes d''éleveurs locaux, charcuterie et plats cuisinés maison. Commerce fictif.', 1.6604, 43.656, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (38, '2026-12-04 18:38:45.002829', '2026-12-04 18:38:45.002831', 'verfeil histoire et patrimoine (demo)', 'association patrimoine et memoire verfeil maison des associations recherches sur l''histoire locale, expositions et visites du vieux village. association fictive.', 'Verfeil histoire et patrimoine (démo)', 'association', 'Patrimoine et mémoire', '31573', 'Maison des associations', 'contact@verfeilhistoireetpatrimo.example', '05 36 49 47 59', 'https://verfeilhistoireetpatrimo.example', 'Recherches sur l''histoire locale, expositions et visites du vieux village. Association fictive.', 1.664, 43.6546, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (39, '2026-12-04 18:38:45.002889', '2026-12-04 18:38:45.002891', 'villaries solidaire (demo)', 'association solidarite villaries salle des associations transport solidaire pour les rendez-vous medicaux et les courses. association fictive.', 'Villariès solidaire (démo)', 'association', 'Solidarité', '31579', 'Salle des associations', 'contact@villarièssolidaire.example', '05 36 49 48 66', 'https://villarièssolidaire.example', 'Transport solidaire pour les rendez-vous médicaux et les courses. Association fictive.', 1.4916, 43.7492, NULL, NULL, DEFAULT);
INSERT INTO public.directory_entries VALUES (40, '2026-12-04 18:38:45.002942', '2026-12-04 18:38:45.002943', 'librairie-papeterie de villaries (demo)', 'entreprise commerce villaries 4 place de l''eglise livres, presse, fournitures scolaires et commande de livres en 48 heures. commerce fictif.', 'Librairie-papeterie de Villariès (démo)', 'entreprise', 'Commerce', '31579', '4 place de l''Église', 'contact@librairiepapeteriedevill.example', '05 36 49 49 73', 'https://librairiepapeteriedevill.example', 'Livres, presse, fournitures scolaires et commande de livres en 48 heures. Commerce fictif.', 1.4853, 43.7555, NULL, NULL, DEFAULT);

INSERT INTO public.gis_features VALUES (1, 1, 0, '31049', NULL, '{"code": "31049", "nom": "Bazus", "population": 603}', '\x010300000001000000070000008c84b69c4b71f83fc5fe57c27fe04540ee6cd96b8bbcf83f7855b142dbdd4540332ec14e5671f83f03e38519bfdb45400dc51d6ff27bf73f77cbc463f5db4540f68fcf752b75f73fa568e55e60dc454086c20c326e2ff83fc393275a03e145408c84b69c4b71f83fc5fe57c27fe04540');
INSERT INTO public.gis_features VALUES (18, 1, 17, '31579', NULL, '{"code": "31579", "nom": "Villari\u00e8s", "population": 921}', '\x01030000000100000014000000f68fcf752b75f73fa568e55e60dc4540648cb4f9243cf73f14fb157ce4df4540aa9e27f96c38f73fcd8c237b29e04540672783a3e435f73f793c2d3f70e04540a91db40d9234f73fe99f3b1cb8e0454063c790ad7834f73fdc0f786000e14540942419839835f73f7c25355948e14540218436efee37f73fda37f7578fe1454064b95b48763bf73fb79fe7aad4e14540ff36d5a42540f73fcab040aa17e24540a8a388b1f145f73f627e13af57e24540f7370df6cb4cf73f5bd6581d94e24540d04543c6a354f73fa3c3e85ecce24540fc6df4d6655df73f774a07ebffe245405b858373fc66f73fe2ea5b412ee345408a44fc1e5071f73f689da7f056e3454041553b79477cf73f4594409479e34540a7bba1dfade2f73fca7f924c98e4454086c20c326e2ff83fc393275a03e14540f68fcf752b75f73fa568e55e60dc4540');
INSERT INTO public.gis_features VALUES (19, 2, 0, '31049-UA', 'DU_31049', '{"idurba": "31049_PLU_20151015", "libelle": "UA", "libelong": "Zone urbaine du centre ancien", "typezone": "U", "destdomi": "03", "nomfic": "31049_reglement_20151015.pdf", "urlfic": "https://plu.exemple.invalid/31049/31049_reglement_20151015.pdf", "datappro": "20151015", "datvalid": "20151015"}', '\x01030000000100000061000000d9e49590b440f83f883dfe1c30de45408f11f5279640f83f2bd1a3f32bde45405e352acb6b40f83f1b5eb5d727de4540df420d953540f83f6b2112cf23de4540e31126d6f33ff83fd8593edc1fde45403a7afcdea63ff83f754419051cde45407e6e68ca4e3ff83f94dffd4c18de4540529e7939ec3ef83f1fe91db814de454083e1b77c7f3ef83ffd1eab4a11de454019f55a1a093ef83f827f00080ede45407ea3c27d893df83f000979f30ade4540539cfe47013df83f6179461108de454002aa6ee4703cf83ff7cec36405de45406161d229d93bf83fed889eef02de4540127239b93a3bf83f296508b600de45401899db18963af83f4223d8b8fedd4540b178a004ec39f83f8ac168fbfcdd4540b1a547533d39f83f97ff907efbdd4540b9cfe0a58a38f83fbbdbab45fadd45409f8b2bd3d437f83f6396e24ff9dd4540396ee7b11c37f83fe02d90a0f8dd4540272724e36236f83f9fe2dd36f8dd4540d93d7958a835f83f3474a213f8dd45408c54cecded34f83f9fe2dd36f8dd45407a0d0bff3334f83fe02d90a0f8dd454014f0c6dd7b33f83f6396e24ff9dd4540faab110bc632f83fbbdbab45fadd454002d6aa5d1332f83f97ff907efbdd4540020352ac6431f83f8ac168fbfcdd45409be21698ba30f83f4223d8b8fedd4540a109b9f71530f83f296508b600de4540521a2087772ff83fed889eef02de4540b1d183ccdf2ef83ff7cec36405de454060dff3684f2ef83f6179461108de454035d82f33c72df83f000979f30ade45409a869796472df83f827f00080ede4540309a3a34d12cf83ffd1eab4a11de454061dd7877642cf83f1fe91db814de4540350d8ae6012cf83f94dffd4c18de45407901f6d1a92bf83f754419051cde4540d069ccda5c2bf83fd8593edc1fde4540d438e51b1b2bf83f6b2112cf23de45405546c8e5e42af83f1b5eb5d727de4540246afd88ba2af83f2bd1a3f32bde4540da965c209c2af83f883dfe1c30de454013bfbdc6892af83f4ae5924f34de454004c8d0b1832af83ff54a598638de454013bfbdc6892af83f9fb01fbd3cde4540da965c209c2af83f6258b4ef40de4540246afd88ba2af83fbfc40e1945de45405546c8e5e42af83fcf37fd3449de4540d438e51b1b2bf83f7f74a03d4dde4540d069ccda5c2bf83f123c743051de45407901f6d1a92bf83f7551990755de4540350d8ae6012cf83f56b6b4bf58de454061dd7877642cf83fcbac94545cde4540309a3a34d12cf83fed7607c25fde45409a869796472df83f6816b20463de454035d82f33c72df83fea8c391966de454060dff3684f2ef83f891c6cfb68de4540b1d183ccdf2ef83ff3c6eea76bde4540521a2087772ff83ffd0c141d6ede4540a109b9f71530f83fc130aa5670de45409be21698ba30f83fa872da5372de4540020352ac6431f83f5fd4491174de454002d6aa5d1332f83f5396218e75de4540faab110bc632f83f2eba06c776de454014f0c6dd7b33f83f87ffcfbc77de45407a0d0bff3334f83f0a68226c78de45408c54cecded34f83f4bb3d4d578de4540d93d7958a835f83fb62110f978de4540272724e36236f83f4bb3d4d578de4540396ee7b11c37f83f0a68226c78de45409f8b2bd3d437f83f87ffcfbc77de4540b9cfe0a58a38f83f2eba06c776de4540b1a547533d39f83f5396218e75de4540b178a004ec39f83f5fd4491174de45401899db18963af83fa872da5372de4540127239b93a3bf83fc130aa5670de45406161d229d93bf83ffd0c141d6ede454002aa6ee4703cf83ff3c6eea76bde4540539cfe47013df83f891c6cfb68de45407ea3c27d893df83fea8c391966de454019f55a1a093ef83f6816b20463de454083e1b77c7f3ef83fed7607c25fde4540529e7939ec3ef83fcbac94545cde45407e6e68ca4e3ff83f56b6b4bf58de45403a7afcdea63ff83f7551990755de4540e31126d6f33ff83f123c743051de4540df420d953540f83f7f74a03d4dde45405e352acb6b40f83fcf37fd3449de45408f11f5279640f83fbfc40e1945de4540d9e49590b440f83f6258b4ef40de4540a0bc34eac640f83f9fb01fbd3cde4540afb321ffcc40f83ff54a598638de4540a0bc34eac640f83f4ae5924f34de4540d9e49590b440f83f883dfe1c30de4540');
INSERT INTO public.gis_features VALUES (125, 2, 106, '31579-A', 'DU_31579', '{"idurba": "31579_PLU_20200515", "libelle": "A", "libelong": "Zone agricole", "typezone": "A", "destdomi": "07", "nomfic": "31579_reglement_20200515.pdf", "urlfic": "https://plu.exemple.invalid/31579/31579_reglement_20200515.pdf", "datappro": "20200515", "datvalid": "20200515"}', '\x010300000002000000a30000006dd4f9a69fc6f73fd7df12807fe04540d9e841e66fc7f73fdae6c6f484e045405cf45f3134c8f73ffb905ca38ae04540bd546cccebc8f73f5120a28790e04540c524b78196c9f73f89963c9e96e04540d4b430b033caf73f50f5d0e39ce04540b41f2922c3caf73f29bf5653a3e045401e0c868439cbf73f153c855ca9e045405871aab530cbf73f627da8d9a8e04540d8518b7736daf73f2299c40f84e045409ef98b8f05dbf73f39268bfb8fe0454031c2ca57b8dbf73f2d95b7239ce0454025e1e7644edcf73f03eb387ea8e04540dca6d315c7dcf73f56ecd401b5e04540b920b64f22ddf73feadcfea6c1e0454052842fa75fddf73f3102cf62cee045400cdf67017fddf73f5ae0e12cdbe04540b34baf2880ddf73f003cfdfbe7e045407aafb55263ddf73fbed9e6c6f4e04540c817a36428ddf73f2f7e648401e145406c5cffaecfdcf73feded3b2b0ee145400270a24c59dcf73f93ed32b21ae14540f41ceca8c5dbf73fbc410f1027e14540ae2d3c2f15dbf73f986e6d3c33e145409a6cf24a48daf73fc238132e3fe1454058891e9d5fd9f73f69249ddc4ae145402426a8e15bd8f73fbcb5a73f56e145409ff29eb93dd7f73f57b1f84d61e145409e83c2fb05d6f73f28dab0016ce145409160aa99b5d4f73f3535bf5076e145404f1e166a4dd3f73f6b85443580e14540e4367579ced1f73f900eb4a789e14540592437d439d0f73f681481a092e145409e1feb4e1cc5f73f0e8bac904de14540df2c6f5864c5f73f56574ff74be14540b9e2e2a8dcc4f73f5b22bce24ee14540b164332cebc3f73fcf882d9853e145403edf60b9efc2f73f6e12280758e14540ff017bf1eac1f73f7880272d5ce14540957c9175ddc0f73f2e94a70760e14540a0feb3e6c7bff73f68cefa9463e145405b2aca00abbef73f66f09cd266e1454067afe36487bdf73f6bbb09be69e145400030e8ce5dbcf73fe06f6a566ce14540c45be7df2ebbf73f09cf3a996ee1454026ba7889fbb9f73fbb59cd8470e145402a08d451c4b8f73ff50f221972e14540a8dab80f8ab7f73f8f728b5473e14540d8d30e7f4db6f73ff4c1323674e14540f895bd5b0fb5f73f24fe17be74e14540ddb5847cd0b3f73f896764eb74e14540c1d54b9d91b2f73f24fe17be74e14540e197fa7953b1f73ff4c1323674e14540129150e916b0f73f8f728b5473e145408f6335a7dcaef73ff50f221972e1454094b1906fa5adf73fbb59cd8470e14540f50f221972acf73f09cf3a996ee14540ba3b212a43abf73fe06f6a566ce1454052bc259419aaf73f6bbb09be69e145405e413ff8f5a8f73f66f09cd266e145401a6d5512d9a7f73f68cefa9463e1454025ef7783c3a6f73f2e94a70760e14540bb698e07b6a5f73f7880272d5ce145407c8ca83fb1a4f73f6e12280758e145400807d6ccb5a3f73fcf882d9853e1454001892650c4a2f73f5b22bce24ee14540c00413245ba2f73f32c3eb9f4ce14540f4b171b32e64f73fb1d6f5b0bce2454034c7a8216063f73fb56d1805c1e245404db450d77f62f73f6c8198dfc4e24540bc7a70d28f61f73f46578e35c8e2454068e66e7c9260f73f09336dffcae24540d1b58a598a5ff73f0e187f36cde24540dfb42ad3795ef73f43c9e4d4cee245404a873da3635df73fbf886cd6cfe245402dded9684a5cf73f5ad76839d0e24540405deedd305bf73fe9352cfccfe24540a0b591a1195af73f96236420cfe245409d7d8a880759f73f61a010a6cde245405566ef31fd57f73f5ce91093cbe24540ae3b2707fd56f73f70bc96ebc8e24540c5ae48a70956f73f421658b6c5e24540828bba7b2555f73f0eb3e1fac1e245405fd383825254f73f3ace6dc2bde24540737a83d49253f73f5422e417b9e24540a18fe854e852f73feb692c06b4e24540933c32b15452f73f4d9eb29aaee2454026d35746d951f73f9e3935e1a8e24540ffbfa03b7751f73fe873a4e9a2e24540297d7c9d2f51f73f7a466cc19ce2454046bafa0c0351f73f60e97c7896e24540c0417bf5f150f73f7b15191d90e245403106d671fc50f73f0182dec089e2454036fae29c2251f73fd5e70f7283e245402c6e92d56351f73f017f9d407de24540aa9784b0bf51f73f937f773c77e245403eef213c3552f73fd8e2097371e24540a8154b36c352f73f46216ef36be24540429eb8776853f73f2b3410cb66e24540c46c13382354f73fd4145c0762e245404cbfe902038df73f8cd9925511e145407c73c982d38cf73f4d7276210ce14540670e492d948cf73f10bba58b03e14540217e5935638cf73faf8916eafae04540dfa7aad0408cf73fe91c4d3ff2e04540a28b3cff2c8cf73f7db3cd8de9e0454069290fc1278cf73fe6caa0dae0e04540cf73fa30318cf73f50e27327d8e045403a782634498cf73f0df8a177cfe04540a93693ca6f8cf73f05ca5ccfc6e0454082bc68d9a48cf73f63d75130bee04540c509a760e88cf73f0edeb29eb5e045403c399e2a3a8df73f5adcda1dade04540e74a4e379a8df73f05114eb0a4e045402b4cdf6b088ef73f637a67599ce045403965c977848ef73fc616821c94e0454076a334400e8ff73fee2422fc8be0454087719241499cf73f49edeafaaae0454031732612f19bf73ff394302eb0e0454039701816ed9bf73f76734c71b0e04540bfd0c88c5c9cf73fc1f572e9a9e04540064ce0d6dd9cf73f29bf5653a3e04540e6b6d8486d9df73f50f5d0e39ce04540f54652770a9ef73f89963c9e96e04540fd169d2cb59ef73f5120a28790e045405d77a9c76c9ff73ffb905ca38ae04540e182c71231a0f73fdae6c6f484e045404d970f5201a1f73fd7df12807fe045406bcfd14fdda1f73fb0bac4477ae0454001892650c4a2f73f4d350e5075e045400807d6ccb5a3f73fd8ce9c9a70e045407c8ca83fb1a4f73f3a45a22b6ce04540bb698e07b6a5f73f30d7a20568e0454025ef7783c3a6f73f79c3222b64e045401a6d5512d9a7f73f4089cf9d60e045405e413ff8f5a8f73f41672d605de0454052bc259419aaf73f3d9cc0745ae04540ba3b212a43abf73fc7e75fdc57e04540f50f221972acf73f9f888f9955e045407c73c982d3acf73f7b5688fd54e0454079e8bb5b59e2f73f83740c2318df4540f68fcf752b75f73fa568e55e60dc4540648cb4f9243cf73f14fb157ce4df4540aa9e27f96c38f73fcd8c237b29e04540672783a3e435f73f793c2d3f70e04540a91db40d9234f73fe99f3b1cb8e0454063c790ad7834f73fdc0f786000e14540942419839835f73f7c25355948e14540218436efee37f73fda37f7578fe1454064b95b48763bf73fb79fe7aad4e14540ff36d5a42540f73fcab040aa17e24540a8a388b1f145f73f627e13af57e24540f7370df6cb4cf73f5bd6581d94e24540d04543c6a354f73fa3c3e85ecce24540fc6df4d6655df73f774a07ebffe245405b858373fc66f73fe2ea5b412ee345408a44fc1e5071f73f689da7f056e3454041553b79477cf73f4594409479e34540a7bba1dfade2f73fca7f924c98e4454086c20c326e2ff83fc393275a03e14540d7941a9073f1f73f7bad3a6178df4540c4dd0f2ed3c5f73fcd8bb8a57ae045406dd4f9a69fc6f73fd7df12807fe04540410000000d8b51d7dabbf73fedb60bcd75e24540759e67a2bebbf73f76f97bce82e24540acd8a9036abbf73fe6cb0bb08fe24540beb38707debaf73f27beda519ce24540519c48d51bbaf73f21600894a8e24540e193f36a25b9f73f7a803859b4e24540ba731717fdb7f73f6eade584bfe24540c9c452c9a5b6f73fa5b5b3f9c9e24540cae7cbc122b5f73fd5a425a0d3e24540e60709ac77b3f73ffa473a5edce245404a0dc8b9a8b1f73fb568a620e4e24540f4b74e6dbaaff73fe7919ad1eae245407cbaba63b1adf73faf0ad462f0e245407f8461c092abf73f291a10c6f4e245409d8598a663a9f73fc90567f0f7e24540dff714a529a7f73fbc5175d9f9e245407c3d04fae9a4f73f1b40097dfae245401a83f34eaaa2f73fbc5175d9f9e24540c102983270a0f73fc90567f0f7e24540df03cf18419ef73f291a10c6f4e24540e2cd7575229cf73faf0ad462f0e245406ad0e16b199af73fe7919ad1eae24540147b681f2b98f73fb568a620e4e245407880272d5c96f73ffa473a5edce245402e933c32b194f73fd5a425a0d3e2454095c3dd0f2e93f73fa5b5b3f9c9e24540a41419c2d691f73f6eade584bfe2454018e71489ae90f73f7a803859b4e24540a8debf1eb88ff73f21600894a8e245403bc780ecf58ef73f27beda519ce24540b2af86d5698ef73fe6cb0bb08fe2454084dca051158ef73f76f97bce82e2454051fdde01f98df73fedb60bcd75e2454084dca051158ef73f65749bcb68e24540b2af86d5698ef73f8a61e2ea5be245403bc780ecf58ef73f496f13494fe24540a8debf1eb88ff73f4fcde50643e2454018e71489ae90f73f61edde4037e24540a41419c2d691f73f018008162ce2454095c3dd0f2e93f73f36b863a021e245402e933c32b194f73f9a88c8fa17e245407880272d5c96f73fe025dd3b0fe24540147b681f2b98f73fbbc4477a07e245406ad0e16b199af73ff4db7cc800e24540e2cd7575229cf73f2c634337fbe14540df03cf18419ef73f4613ded4f6e14540c102983270a0f73fa72787aaf3e145401a83f34eaaa2f73fb4db78c1f1e145407c3d04fae9a4f73f55ede41df1e14540dff714a529a7f73fb4db78c1f1e145409d8598a663a9f73fa72787aaf3e145407f8461c092abf73f4613ded4f6e145407cbaba63b1adf73f2c634337fbe14540f4b74e6dbaaff73ff4db7cc800e245404a0dc8b9a8b1f73fbbc4477a07e24540e60709ac77b3f73fe025dd3b0fe24540cae7cbc122b5f73f9a88c8fa17e24540c9c452c9a5b6f73f36b863a021e24540ba731717fdb7f73f018008162ce24540e193f36a25b9f73f61edde4037e24540519c48d51bbaf73f4fcde50643e24540beb38707debaf73f496f13494fe24540acd8a9036abbf73f8a61e2ea5be24540759e67a2bebbf73f65749bcb68e245400d8b51d7dabbf73fedb60bcd75e24540');
INSERT INTO public.gis_features VALUES (126, 3, 0, '31049-EBC', 'DU_31049', '{"idurba": "31049_PLU_20151015", "nomfic": "", "urlfic": "", "libelle": "Espace bois\u00e9 class\u00e9", "txt": "", "typepsc": "01", "stypepsc": "00"}', '\x0103000000010000004100000002502047ce7df83f1dcfc2f92fdd45400ee25ef4707df83ff282e38d27dd454091819774ef7cf83ff616c5611fdd45400373993f4b7cf83f89c1b28817dd45403f085cb2857bf83f9e78ce1610dd4540c042e6caa07af83f6cf3b51d09dd45403809efbc9e79f83f28e906af02dd4540291ab50c8278f83fde91b1dafcdc4540491927744d77f83f6fa6f8aef7dc4540878fe3e20376f83f95607138f3dc454003eb387ea874f83fdf7a0382efdc4540b071fdbb3e73f83f45f0bf95ecdc454081690712ca71f83fdbfd8579eadc454067182df64d70f83fb2e03433e9dc4540259ccc2ece6ef83f1e9727c6e8dc45407f1244824e6df83fb2e03433e9dc454065c16966d26bf83fdbfd8579eadc45409bc69ba15d6af83f45f0bf95ecdc4540484d60dff368f83fdf7a0382efdc45405f9b8d959867f83f95607138f3dc45409c114a044f66f83f6fa6f8aef7dc4540bd10bc6b1a65f83fde91b1dafcdc4540ae2182bbfd63f83f28e906af02dd454026e88aadfb62f83f6cf3b51d09dd4540a72215c61662f83f9e78ce1610dd4540e2b7d7385161f83f89c1b28817dd454054a9d903ad60f83ff616c5611fdd4540d84812842b60f83ff282e38d27dd4540e4da5031ce5ff83f1dcfc2f92fdd4540b3017dc7955ff83f5a86938f38dd4540e76ca6e7825ff83fb5b2333b41dd4540b3017dc7955ff83f10dfd3e649dd4540e4da5031ce5ff83fe2557b7d52dd4540d84812842b60f83f78e283e85add454054a9d903ad60f83f090e791563dd4540e2b7d7385161f83fe1a3b4ed6add4540a72215c61662f83f60ac6f6072dd454026e88aadfb62f83f9231885979dd4540ae2182bbfd63f83f427c60c77fdd4540bd10bc6b1a65f83f21938c9c85dd45409c114a044f66f83f8f7e45c88add45405f9b8d959867f83f69c4cc3e8fdd4540484d60dff368f83f8bea63f492dd45409bc69ba15d6af83fb9347ee195dd454065c16966d26bf83f8f67e1fc97dd45407f1244824e6df83fb884324399dd4540259ccc2ece6ef83f4cce3fb099dd454067182df64d70f83fb884324399dd454081690712ca71f83f8f67e1fc97dd4540b071fdbb3e73f83fb9347ee195dd454003eb387ea874f83f8bea63f492dd4540878fe3e20376f83f69c4cc3e8fdd4540491927744d77f83f8f7e45c88add4540291ab50c8278f83f21938c9c85dd45403809efbc9e79f83f427c60c77fdd4540c042e6caa07af83f9231885979dd45403f085cb2857bf83f60ac6f6072dd45400373993f4b7cf83fe1a3b4ed6add454091819774ef7cf83f090e791563dd45400ee25ef4707df83f78e283e85add454002502047ce7df83fe2557b7d52dd45403229f4b0067ef83f10dfd3e649dd4540ffbdca90197ef83fb5b2333b41dd45403229f4b0067ef83f5a86938f38dd454002502047ce7df83f1dcfc2f92fdd4540');
INSERT INTO public.gis_features VALUES (195, 3, 69, '31579-EGLISE', 'DU_31579', '{"idurba": "31579_PLU_20200515", "nomfic": "", "urlfic": "", "libelle": "\u00c9glise", "txt": "Patrimoine b\u00e2ti \u00e0 prot\u00e9ger (art. L151-19)", "typepsc": "07", "stypepsc": "00"}', '\x0101000000e118b8f248b2f73ff4fdd478e9e04540');
INSERT INTO public.gis_features VALUES (214, 5, 0, '310490000A0001', '31049', '{"id": "310490000A0001", "commune": "31049", "prefixe": "000", "section": "0A", "numero": "0001", "contenance": 25497, "arpente": false, "created": "2008-03-14", "updated": "2024-01-09"}', '\x01030000000100000005000000b9dd70c4ff02f83ff11aaa189ddf4540705b00bfebf8f73fbc6c85faa7df4540482c7304ba00f83fcc5944b9d9df454071917bbaba03f83faffe19efd8df4540b9dd70c4ff02f83ff11aaa189ddf4540');
INSERT INTO public.gis_features VALUES (196, 4, 0, '31049-DPU', 'DU_31049', '{"idurba": "31049_PLU_20151015", "libelle": "Droit de pr\u00e9emption urbain", "txt": "P\u00e9rim\u00e8tre du droit de pr\u00e9emption urbain (zones U et AU)", "typeinf": "04", "stypeinf": "00", "nomfic": "", "urlfic": ""}', '\x0103000000280000008e0000004dd6a8876834f83f88dc67f052dd4540ded8fd744d32f83f1d8299a553dd454056a7b9cb3430f83f3a950c0055dd45402b86ab03202ef83f4b56eafe56dd4540099f52ca102cf83f254685a059dd45403151ce61082af83fa1e52fe35cdd45404fc69d770828f83ffef565c460dd4540a35de04d1226f83f7f38a34165dd45403f4e3d772724f83f3befb5566add454063f7d3354922f83f73db190170dd4540879d73017920f83f413f9d3c76dd45404fad6301b81ef83f259d37047ddd4540326b73ad071df83fa477e05284dd45403b511212691bf83fd61066248cdd4540acbe5f71dd19f83f136c127294dd45402b20a3f26518f83f4a4c06369ddd45408d0a9c6c0317f83f6974626aa6dd454013dd6921b715f83f35289a07b0dd4540942ccce78114f83f9b2ace07badd45407f805ab16413f83f60bf7163c4dd45407688241f6012f83f492af812cfdd45404dd9e9077511f83f19afd40edadd4540a622ba0ca410f83f02d2a34ee5dd4540bc067de9ed0ff83fc6d6d8caf0dd45406334e14d6d1ff83f9f22e2410ede4540031ebd86851ff83f4725d0bb0cde45406cfafdac431ff83f1b66683c11de45404d1e053ef51ef83f24b48aa317de45402c3f15dcb41ef83f20f8ce1e1ede45400b5d2e87821ef83f297403aa24de4540b84fd88f5e1ef83f7fe9a3422bde4540341713f6481ef83f7b5bfae131de45407fb3deb9411ef83ff54a598638de4540341713f6481ef83f6f3ab82a3fde4540b84fd88f5e1ef83f6bac0eca45de45400b5d2e87821ef83fc121af624cde45402c3f15dcb41ef83fca9de3ed52de45404d1e053ef51ef83fc6e1276959de45406cfafdac431ff83fcf2f4ad05fde454055ee4ff39f1ff83ffbc9181f66de4540372273c00920f83f63f261516cde4540dcb0b7de8020f83f486aa16472de45400fb56d180521f83f99f4f75278de4540666435029621f83f2b12b81a7ede45400fe7864b3322f83f1605b0b783de45403c65daa3dc22f83f07cf842689de4540e521f8849123f83f16b204638ede45403b45589e5124f83f856fab6a93de45409e1feb4e1c25f83f00091e3a98de45403dd92846f125f83fc83fd8ce9cde454013b5d9fdcf26f83f8a157f25a1de4540e31016bab727f83f884b8e3ba5de4540e014562aa828f83f9862580fa9de4540cc1eb292a029f83fd19cab9cacde4540a271f26ca02af83f35fa87e3afde4540286b2ffda62bf83fdabcbbdfb2de4540f14009d8b32cf83fc1e44691b5de45402a5ec026c62df83f9673cef4b7de4540ca051d63dd2ef83f5969520abade4540fea25fb6f82ff83fe14625d0bbde4540be78509a1731f83f048d9944bdde4540d1e407533932f83fc23baf67bede4540fa449e245d33f83ff2d3b837bfde45409ae9036e8234f83f9255b6b4bfde4540d93d7958a835f83fa4c0a7debfde45401992ee42ce36f83f9255b6b4bfde4540b936548cf337f83ff2d3b837bfde4540e296ea5d1739f83fc23baf67bede4540f502a216393af83f048d9944bdde4540b5d892fa573bf83fe14625d0bbde4540e975d54d733cf83f5969520abade4540891d328a8a3df83f9673cef4b7de4540c23ae9d89c3ef83fc1e44691b5de45408b10c3b3a93ff83fdabcbbdfb2de45405e6ff6628340f83f52f98d65b0de45407935e5af3540f83f7082ca53b1de4540abf35e6ba546f83f4a7cee04fbde45405f86b5e7e847f83fabaa3c26f7de4540c97f37932549f83fcbbbea01f3de45407e1585025b4af83fd32ea699eede45404962eeff884bf83fc4036fede9de4540eec38bcfae4cf83f5b79c9ffe4de45409e62d520cc4df83f58ce39d3dfde4540ec736b88e04ef83f4fc29668dade45400a20c6b5eb4ff83ffe9364c2d4de4540f2a9ad22ed50f83f90c250e2cede45406d2c7299e451f83fc38cdfcac8de454012ddb3aed152f83f5531957ec2de4540dafe3adcb353f83f702f1fffbbde4540c59107228b54f83f6885d84fb5de4540ced8e1f95655f83fd0f29771aede454024fc41131756f83f93358f68a7de45402d095053cb56f83fd8cc6b36a0de45407e35ac4e7357f83ff3b688de98de4540e19ba6cf0e58f83f0f73936291de454020578fa09d58f83f13bfbdc689de4540a2748ea61f59f83f945ade0b82de4540961c1c919459f83f7a0327367ade4540c669882afc59f83f19b8f24872de4540335cd372565af83f9af7ee456ade45401abe2abc704cf83f745fce6c57de45405663096b634cf83f5688a29b58de4540873cddd49b4cf83fca9de3ed52de4540a81ec429ce4cf83fc121af624cde4540fb2b1a21f24cf83f6bac0eca45de45407f64dfba074df83f6f3ab82a3fde454034c813f70e4df83ff54a598638de45407f64dfba074df83f7b5bfae131de4540fb2b1a21f24cf83f7fe9a3422bde4540a81ec429ce4cf83f297403aa24de4540873cddd49b4cf83f20f8ce1e1ede4540665ded725b4cf83f24b48aa317de45404781f4030d4cf83f1b66683c11de45405e8da2bdb04bf83fefcb99ed0ade45407c597ff0464bf83f87a350bb04de4540d7ca3ad2cf4af83fa12b11a8fedd4540a4c684984b4af83f51a1bab9f8dd45404d17bdaeba49f83fbf83faf1f2dd4540a4946b651d49f83fd4900255eddd45407716180d7448f83fe3c62de6e7dd4540ce59fa2bbf47f83fd3e3ada9e2dd454078369a12ff46f83f652607a2dddd4540155c07623446f83fea8c94d2d8dd454076a2c96a5f45f83f2256da3dd4dd4540a0c618b38044f83f608033e7cfdd4540d06adcf69843f83f624a24d1cbdd4540d3669c86a842f83f52335afdc7dd4540e75c401eb041f83f19f90670c4dd4540110a0044b040f83fb59b2a29c1dd45408b10c3b3a93ff83f10d9f62cbedd4540c23ae9d89c3ef83f29b16b7bbbdd4540891d328a8a3df83f5422e417b9dd4540e975d54d733cf83f912c6002b7dd4540b5d892fa573bf83f084f8d3cb5dd4540f502a216393af83fe60819c8b3dd4540e296ea5d1739f83f285a03a5b2dd4540b936548cf337f83ff8c1f9d4b1dd45401992ee42ce36f83f5840fc57b1dd4540d93d7958a835f83f46d50a2eb1dd4540c405a051ba34f83f1c846f50b1dd4540ab459feaeb34f83f7c8ca83fb1dd45404dd6a8876834f83f88dc67f052dd454004000000df20109ebf1ff83fde38ce1209de4540569fabadd81ff83f0ec3a27d07de4540f0cb4f60f01ff83fe5a5513706de4540df20109ebf1ff83fde38ce1209de454004000000e23323cd6920f83fee940ed6ffdd45402d5c56613320f83fc9b2bb9b02de4540f330fec75320f83fe8d19edc00de4540e23323cd6920f83fee940ed6ffdd4540040000006d8bd761f120f83f4bb0389cf9dd4540850e153eb620f83f37ddb243fcdd45406b11514cde20f83faaccde63fadd45406d8bd761f120f83f4bb0389cf9dd45400400000026080db38621f83fe3b5018ef3dd4540edf483ba4821f83f41fa8106f6dd4540527644cf7721f83fd1306b18f4dd454026080db38621f83fe3b5018ef3dd454004000000d9c4138b2922f83f09a4c4aeeddd454016f6590aed21f83f9710bdd6efdd45403d9578e51f22f83fb0fc9efdeddd4540d9c4138b2922f83f09a4c4aeeddd4540040000007f04b463d922f83f7db90501e8dd4540eed7f8a7af22f83f47ce1d58e9dd4540c2a38d23d622f83f5a6d5919e8dd45407f04b463d922f83f7db90501e8dd4540040000004be07b24ca23f83f0aa1832ee1dd4540e3e13d079623f83fe5f27a8be2dd454040f273e89923f83f2181f56ee2dd45404be07b24ca23f83f0aa1832ee1dd454004000000f4103235ae24f83f48ff266fdbdd45409a92510a5f24f83f008fa850dddd45404cb6cbc86a24f83feef5a402dddd4540f4103235ae24f83f48ff266fdbdd45400400000016c6713b8f25f83ff8883d59d6dd4540697407b13325f83f624d6551d8dd4540ac4dad084825f83f15cac2d7d7dd454016c6713b8f25f83ff8883d59d6dd454004000000b7f935487726f83fc4e347a1d1dd4540e4bcff8f1326f83f88abb992d3dd4540f3edb83c3126f83f117b57f3d2dd4540b7f935487726f83fc4e347a1d1dd454004000000e9e225ee6727f83fcd560339cddd4540d1c952ebfd26f83f31e82917cfdd4540b10f57732527f83f3707be58cedd4540e9e225ee6727f83fcd560339cddd454004000000457419486128f83f52a3eb1dc9dd4540c5d0a057f227f83fb00111e2cadd45407ce827412428f83f45ad7a0acadd4540457419486128f83f52a3eb1dc9dd454004000000fdd588056329f83fe888d750c5dd454055078a69f028f83f2f771cf5c6dd45407ee36bcf2c29f83f8f6be80bc6dd4540fdd588056329f83fe888d750c5dd454004000000a53d14bb6c2af83f26c79dd2c1dd45407bb0d69af729f83f6c87d052c3dd4540e06b63473e2af83fd2808b5fc2dd4540a53d14bb6c2af83f26c79dd2c1dd4540040000000109d4ac7d2bf83f33ddeba4bedd454002e7d6b5072bf83f92b1dafcbfdd45409dc4d622582bf83f63ebbe08bfdd45400109d4ac7d2bf83f33ddeba4bedd4540040000000d7b9054952cf83f3b4a6fc9bbdd4540ef67c240212cf83f9ff53af3bcdd4540aa735655792cf83fffe9060abcdd45400d7b9054952cf83f3b4a6fc9bbdd4540040000008df161f6b22df83ffb4cac42b9dd45408f0c288a462df83f6bd44334badd4540cbd6fa22a12df83fd1fb1065b9dd45408df161f6b22df83ffb4cac42b9dd45400400000045ca60d6d52ef83f73e5a210b7dd45407407b133852ef83f6c98fcaab7dd4540c64bdccfce2ef83f02a08a1bb7dd454045ca60d6d52ef83f73e5a210b7dd45400400000046add5c33c30f83ffdba78e4b4dd454096557d53fd2ff83ff711ae36b5dd4540294b636a0130f83f5015f82fb5dd454046add5c33c30f83ffdba78e4b4dd4540040000001e28017b9631f83f87489748b3dd454044f1cfb12831f83f451152b7b3dd45401f40d01b3831f83f511b30a3b3dd45401e28017b9631f83f87489748b3dd45400400000088218326d332f83ffe501f37b2dd45407a08991a5732f83f9fa40a90b2dd4540d295630d7232f83f99710976b2dd454088218326d332f83ffe501f37b2dd45400400000054abafae0a34f83fcfe6278bb1dd454097ebc8ec8733f83f2e4b85c2b1dd454036d2ad32ae33f83f529731aab1dd454054abafae0a34f83fcfe6278bb1dd45400400000031726083cf40f83f47ad307dafde4540652772778c41f83f36621c12adde4540fb00497dfe40f83f47f5e7ecaede454031726083cf40f83f47ad307dafde454005000000ead6c633c341f83fe37d665aacde454072553431b841f83f786b4f7facde45408e4d3cb19842f83fb5053a49a9de454075dfd6828342f83fd9db1c9da9de4540ead6c633c341f83fe37d665aacde454004000000d51aef33d342f83f3f79b361a8de45401d0d96a07543f83f8703d7cba5de4540335019ff3e43f83f518eb8b6a6de4540d51aef33d342f83f3f79b361a8de4540040000004ce37217bc43f83fa6da029da4de45400f9a5df75644f83f5a773de2a1de4540ee43de72f543f83f4d9539a7a3de45404ce37217bc43f83fa6da029da4de4540050000000ac84dc3a644f83ff56f4d70a0de45404beda06d9044f83f787c7bd7a0de4540378364a65945f83f8cb15deb9cde4540821f306a5245f83fdfddca129dde45400ac84dc3a644f83ff56f4d70a0de454004000000f79ad4867945f83f5d47663f9cde45406fb5f3a21b46f83fc404dac298de4540bc57ad4cf845f83f345e5f9099de4540f79ad4867945f83f5d47663f9cde4540040000002cc7759d5746f83f2a745e6397de4540ef4394e5da46f83fd881734694de45401d7eed4f9846f83f1e70b8ea95de45402cc7759d5746f83f2a745e6397de454004000000550218851347f83fc173efe192de454089409a56af47f83f58fdb6cc8ede45409fd5b8ed3147f83f9d13d62192de4540550218851347f83fc173efe192de454005000000425e0f26c547f83f70873c388ede4540501839b0c147f83fb77bb94f8ede4540d869ff5e6548f83f9c18929389de4540d03241c35148f83fbf4a992f8ade4540425e0f26c547f83f70873c388ede454004000000c7a6f0fb9248f83fde0d582888de4540b114c9570249f83f9296259584de4540df88ee59d748f83f8c5dec0786de4540c7a6f0fb9248f83fde0d582888de454004000000c2bf081a3349f83f4ca8e0f082de4540c6617a0ca049f83f5ad8d30e7fde45400a53ef045649f83f29be90c481de4540c2bf081a3349f83f4ca8e0f082de454005000000e4c6e358cd49f83f966c86657dde45406d455156c249f83f1979b4cc7dde4540c5f70f33454af83ff253669478de4540d5f1f33a3d4af83f93a751ed78de4540e4c6e358cd49f83f966c86657dde454004000000224212ac604af83f286d606177de4540817a336abe4af83f12c7702b73de454040e14790a54af83f47ee9f5d74de4540224212ac604af83f286d606177de454004000000df01f96de34af83f616af06371de45405e2ee23b314bf83f7ba4c16d6dde45408ca2073e064bf83fdfbf1eb86fde4540df01f96de34af83f616af06371de454005000000e75dabf35e4bf83feddba4fd6ade45407e96427b504bf83f22799dc36bde454058d06a37b04bf83f3786a52666de4540531333b1af4bf83f3181b63066de4540e75dabf35e4bf83feddba4fd6ade45400400000080fbf0e2b34bf83f9c65bbe765de4540b10e91e4034cf83fb1a0d56e60de454099ddee40f84bf83fd42e015361de454080fbf0e2b34bf83f9c65bbe765de454004000000e070d52b1b4cf83fff4355a75ede4540a202cc214e4cf83fcc56a87f5ade4540b9bcdea2384cf83f006432665cde4540e070d52b1b4cf83fff4355a75ede4540');
INSERT INTO public.gis_features VALUES (213, 4, 17, '31579-DPU', 'DU_31579', '{"idurba": "31579_PLU_20200515", "libelle": "Droit de pr\u00e9emption urbain", "txt": "P\u00e9rim\u00e8tre du droit de pr\u00e9emption urbain (zones U et AU)", "typeinf": "04", "stypeinf": "00", "nomfic": "", "urlfic": ""}', '\x01030000002600000091000000d4b430b033caf73f50f5d0e39ce04540c524b78196c9f73f89963c9e96e04540bd546cccebc8f73f5120a28790e045405cf45f3134c8f73ffb905ca38ae04540d9e841e66fc7f73fdae6c6f484e045406dd4f9a69fc6f73fd7df12807fe045404e9c37a9c3c5f73fb0bac4477ae04540b9e2e2a8dcc4f73f4d350e5075e04540b164332cebc3f73fd8ce9c9a70e045403edf60b9efc2f73f3a45a22b6ce04540ff017bf1eac1f73f30d7a20568e04540957c9175ddc0f73f79c3222b64e04540a0feb3e6c7bff73f4089cf9d60e045405b2aca00abbef73f41672d605de0454067afe36487bdf73f3d9cc0745ae045400030e8ce5dbcf73fc7e75fdc57e04540c45be7df2ebbf73f9f888f9955e0454026ba7889fbb9f73fedfdfcad53e045402a08d451c4b8f73fb247a81952e04540a8dab80f8ab7f73f18e53ede50e04540d8d30e7f4db6f73fb39597fc4fe04540f895bd5b0fb5f73f8459b2744fe04540ddb5847cd0b3f73f1ff065474fe04540c1d54b9d91b2f73f8459b2744fe04540e197fa7953b1f73fb39597fc4fe04540129150e916b0f73f18e53ede50e045408f6335a7dcaef73fb247a81952e0454094b1906fa5adf73fedfdfcad53e04540f50f221972acf73f9f888f9955e04540ba3b212a43abf73fc7e75fdc57e0454052bc259419aaf73f3d9cc0745ae045405e413ff8f5a8f73f41672d605de045401a6d5512d9a7f73f4089cf9d60e0454025ef7783c3a6f73f79c3222b64e04540bb698e07b6a5f73f30d7a20568e045407c8ca83fb1a4f73f3a45a22b6ce045400807d6ccb5a3f73fd8ce9c9a70e0454001892650c4a2f73f4d350e5075e045406bcfd14fdda1f73fb0bac4477ae045404d970f5201a1f73fd7df12807fe04540e182c71231a0f73fdae6c6f484e045405d77a9c76c9ff73ffb905ca38ae04540fd169d2cb59ef73f5120a28790e04540f54652770a9ef73f89963c9e96e04540e6b6d8486d9df73f50f5d0e39ce04540064ce0d6dd9cf73f29bf5653a3e04540bfd0c88c5c9cf73fc1f572e9a9e0454039701816ed9bf73f76734c71b0e0454031732612f19bf73ff394302eb0e0454087719241499cf73f49edeafaaae0454076a334400e8ff73fee2422fc8be045403965c977848ef73fc616821c94e045402b4cdf6b088ef73f637a67599ce04540e74a4e379a8df73f05114eb0a4e045403c399e2a3a8df73f5adcda1dade04540c509a760e88cf73f0edeb29eb5e0454082bc68d9a48cf73f63d75130bee04540a93693ca6f8cf73f05ca5ccfc6e045403a782634498cf73f0df8a177cfe04540cf73fa30318cf73f50e27327d8e0454069290fc1278cf73fe6caa0dae0e04540a28b3cff2c8cf73f7db3cd8de9e04540dfa7aad0408cf73fe91c4d3ff2e04540217e5935638cf73faf8916eafae04540670e492d948cf73f10bba58b03e145407c73c982d38cf73f4d7276210ce14540fb9fb250218df73f7ef156a714e1454013bc7c467d8df73fe5f9c21a1de14540c5c72764e78df73f2e8d5f7825e1454076d0db8e5f8ef73f06add1bc2de1454055fe1076e58ef73f44da6be635e145402d6c17e4788ff73f699725f03de14540ff19efd81990f73f4d6551d845e145405e3d38e9c790f73f9d45949b4de145401a5fc5f3639df73ffed478e926e1454095fe147df49cf73f9b4fc2f121e14540725303cde79cf73f905f895121e14540e6b6d8486d9df73f5762f94e27e14540f54652770a9ef73f1ec18d942de14540fd169d2cb59ef73f573728ab33e145405d77a9c76c9ff73fadc66d8f39e14540e182c71231a0f73fce70033e3fe145404d970f5201a1f73fd177b7b244e145406bcfd14fdda1f73ff89c05eb49e1454001892650c4a2f73f5b22bce24ee145400807d6ccb5a3f73fcf882d9853e145407c8ca83fb1a4f73f6e12280758e14540bb698e07b6a5f73f7880272d5ce1454025ef7783c3a6f73f2e94a70760e145401a6d5512d9a7f73f68cefa9463e145405e413ff8f5a8f73f66f09cd266e1454052bc259419aaf73f6bbb09be69e14540ba3b212a43abf73fe06f6a566ce14540f50f221972acf73f09cf3a996ee1454094b1906fa5adf73fbb59cd8470e145408f6335a7dcaef73ff50f221972e14540129150e916b0f73f8f728b5473e14540e197fa7953b1f73ff4c1323674e14540c1d54b9d91b2f73f24fe17be74e14540ddb5847cd0b3f73f896764eb74e14540f895bd5b0fb5f73f24fe17be74e14540d8d30e7f4db6f73ff4c1323674e14540a8dab80f8ab7f73f8f728b5473e145402a08d451c4b8f73ff50f221972e1454026ba7889fbb9f73fbb59cd8470e14540c45be7df2ebbf73f09cf3a996ee145400030e8ce5dbcf73fe06f6a566ce1454067afe36487bdf73f6bbb09be69e145405b2aca00abbef73f66f09cd266e14540a0feb3e6c7bff73f68cefa9463e14540957c9175ddc0f73f2e94a70760e14540ff017bf1eac1f73f7880272d5ce145403edf60b9efc2f73f6e12280758e14540b164332cebc3f73fcf882d9853e14540b9e2e2a8dcc4f73f5b22bce24ee14540df2c6f5864c5f73f56574ff74be145409e1feb4e1cc5f73f0e8bac904de14540592437d439d0f73f681481a092e14540e4367579ced1f73f900eb4a789e145404f1e166a4dd3f73f6b85443580e145409160aa99b5d4f73f3535bf5076e145409e83c2fb05d6f73f28dab0016ce145409ff29eb93dd7f73f57b1f84d61e145402426a8e15bd8f73fbcb5a73f56e1454058891e9d5fd9f73f69249ddc4ae145409a6cf24a48daf73fc238132e3fe14540ae2d3c2f15dbf73f986e6d3c33e14540f41ceca8c5dbf73fbc410f1027e145400270a24c59dcf73f93ed32b21ae145406c5cffaecfdcf73feded3b2b0ee14540c817a36428ddf73f2f7e648401e145407aafb55263ddf73fbed9e6c6f4e04540b34baf2880ddf73f003cfdfbe7e045400cdf67017fddf73f5ae0e12cdbe0454052842fa75fddf73f3102cf62cee04540b920b64f22ddf73feadcfea6c1e04540dca6d315c7dcf73f56ecd401b5e0454025e1e7644edcf73f03eb387ea8e0454031c2ca57b8dbf73f2d95b7239ce045409ef98b8f05dbf73f39268bfb8fe04540d8518b7736daf73f2299c40f84e045405871aab530cbf73f627da8d9a8e045401e0c868439cbf73f153c855ca9e04540b41f2922c3caf73f29bf5653a3e04540d4b430b033caf73f50f5d0e39ce04540040000007af9426dc0ccf73f891e42a6c6e045409b649a9fd1ccf73f0aaf6e06c9e045400cb265f9baccf73ff4a62215c6e045407af9426dc0ccf73f891e42a6c6e0454004000000c3a7efeb76ccf73fce2be807bfe0454041237dff8bccf73f6ed5bf35c1e04540d161197673ccf73fa45016bebee04540c3a7efeb76ccf73fce2be807bfe0454004000000e28b9bbfaecbf73f291ebc1bb0e04540a5a9f985b2cbf73f827d2a5db0e045406513059f8bcbf73f71602816aee04540e28b9bbfaecbf73f291ebc1bb0e0454004000000071dbe96a19bf73ffc72c174b5e0454054a7a89fdc9bf73f10a8a388b1e04540271186a6919bf73f85984baab6e04540071dbe96a19bf73ffc72c174b5e0454004000000d746e11f5b9bf73f128942cbbae045409f5b4304779bf73f13d731aeb8e045404ad466f73f9bf73fbd981c2dbde04540d746e11f5b9bf73f128942cbbae0454004000000a3f08fad1d9bf73f09580630c0e0454056140a6c299bf73f51dcf126bfe0454014048f6fef9af73fc5b2f4fcc4e04540a3f08fad1d9bf73f09580630c0e045400500000063a93f0cbe9af73f6364c91ccbe045406b1aca3fe99af73fb9605fa1c5e04540dca16131ea9af73f48ed3488c5e04540c539eae8b89af73f627836f5cbe0454063a93f0cbe9af73f6364c91ccbe04540040000008c9df0129c9af73f72a36da1d0e045401316702aad9af73fc0046eddcde04540fce7c479939af73fb8edd68dd2e045408c9df0129c9af73f72a36da1d0e045400400000081e9b46e839af73f27dfc72cd6e04540969dd9098a9af73f9f5d19afd4e045404bc741ae799af73fba1c65b3d9e0454081e9b46e839af73f27dfc72cd6e045400500000033969f0a6e9af73f8d518d4de1e04540a79ab404749af73f30197dbbdbe0454082ecab61759af73f4ed60341dbe04540687b4f406e9af73f5d5727c2e1e0454033969f0a6e9af73f8d518d4de1e04540040000008ae99d65719af73f54cac6dee6e04540d902e7316f9af73f8cd58b46e3e04540474ac4a5749af73fcb0e9656e8e045408ae99d65719af73f54cac6dee6e0454004000000ae94af157e9af73f8783296fece04540b0d46993799af73fdbfd8579eae04540f03092e2889af73f26e5492defe04540ae94af157e9af73f8783296fece0454005000000bcff345ab39af73f0a3dac81f7e045409c97d41a949af73fd27e5afbf1e04540aa51fea4909af73f2b6e371cf1e045405caf44fbb39af73f6a73f794f7e04540bcff345ab39af73f0a3dac81f7e0454004000000a7bfa8eedb9af73f073f7100fde0454019106b3bb79af73fe67a3606f8e045407317bc43e59af73f6cbc2a06fee04540a7bfa8eedb9af73f073f7100fde0454004000000c3e457bd0d9bf73f0b46257502e14540040aab67f79af73fbf3e840200e14540236f14b4249bf73f75385f9104e14540c3e457bd0d9bf73f0b46257502e1454004000000db899290489bf73fead21ade07e145404757e9ee3a9bf73f3e33d29c06e1454027d7b90e7a9bf73fc46059c40be14540db899290489bf73fead21ade07e14540050000009746825fd99bf73fd942908312e1454088a130838c9bf73fe7a6cd380de145406176aad7889bf73fbecbfbee0ce14540685bcd3ae39bf73fd2f5e91d13e145409746825fd99bf73fd942908312e1454004000000067987252f9cf73f9527b5bc17e145405adb6f48fe9bf73f19e42ec214e145406e3df9aa4b9cf73f29e1534a19e14540067987252f9cf73f9527b5bc17e14540040000000561b8848d9cf73f5c16b8e11ce145402c15af0d709cf73f102384471be14540d6e99b8fc69cf73f08b0c8af1fe145400561b8848d9cf73f5c16b8e11ce14540040000007335689e12c6f73fe1044b1a48e14540da0bbbdeecc5f73fb7990af148e145401813510251c6f73fa049079046e145407335689e12c6f73fe1044b1a48e145400400000020e39bb7fbc6f73f8ba3175a42e1454013b5d9fdcfc6f73fd2d9136e43e14540bec6890a30c7f73fe5daabea40e1454020e39bb7fbc6f73f8ba3175a42e1454004000000037976f9d6c7f73ff32444543ce14540f88a6ebda6c7f73f693b01a83de145403555415601c8f73fb8ca13083be14540037976f9d6c7f73ff32444543ce1454004000000173ac0dda3c8f73f0247020d36e145404feb916170c8f73f3dfd56a137e1454048d9c7afc4c8f73f03d770ec34e14540173ac0dda3c8f73f0247020d36e14540040000008791b98d61c9f73fca46318a2fe14540e3f093b42cc9f73fe1deeb5a31e14540277b95c679c9f73f18fe1d9b2ee145408791b98d61c9f73fca46318a2fe14540040000001c9ab2d30fcaf73f096355ce28e14540e3c3ec65dbc9f73f55e0bfd42ae1454067704a2f20caf73fb67e9f1628e145401c9ab2d30fcaf73f096355ce28e14540040000009bb1c3f3adcaf73f669824e021e14540f013ac167dcaf73f0b47eb0324e1454037e15e99b7caf73fef95d46421e145409bb1c3f3adcaf73f669824e021e14540040000009a0d8d823bcbf73fc9a4d0c31ae145402b4f20ec14cbf73ff7ac6bb41ce1454092109b7e3fcbf73f818241881ae145409a0d8d823bcbf73fc9a4d0c31ae1454004000000e3c85e4ab8cbf73faf05627e13e1454043194fa9b7cbf73f7f81c58613e145407ff8f9efc1cbf73f145b41d312e14540e3c85e4ab8cbf73faf05627e13e1454004000000d63329aa23ccf73f9538e1140ce145400e59935d1fccf73f11120e620ce14540572c34c63dccf73fcb0f5ce509e14540d63329aa23ccf73f9538e1140ce1454004000000724eeca17dccf73f213a048e04e145408ec23fb676ccf73f74f0a72105e145409736c1dc93ccf73f1d27e03202e14540724eeca17dccf73f213a048e04e1454004000000b35b70abc5ccf73fa80826edfce0454028637c98bdccf73ffb1aeec8fde045409367a89bd5ccf73f032c4da5fae04540b35b70abc5ccf73fa80826edfce0454004000000fc68ddabfbccf73f6560d339f5e045400c63c1b3f3ccf73f8e4f125cf6e04540338b506c05cdf73f66aec21cf3e04540fc68ddabfbccf73f6560d339f5e0454004000000b4835b881fcdf73f3fff3d78ede045403bc20e0819cdf73f3ecbf3e0eee045407d5ef1d423cdf73f0af2b391ebe04540b4835b881fcdf73f3fff3d78ede045400400000040b9122631cdf73f492245aee5e045407e9bb45f2dcdf73fcbcc165ae7e045400bd462f030cdf73faf35a506e4e0454040b9122631cdf73f492245aee5e045400400000005172b6a30cdf73f29c69ee2dde04540a009038530cdf73f46915acddfe0454013d154f42ccdf73f7df8437ddce0454005172b6a30cdf73f29c69ee2dde0454004000000039da4541dcdf73f33e9a518d6e045403cffd19222cdf73fd9976c3cd8e045409555c7e017cdf73f5df8c1f9d4e04540039da4541dcdf73f33e9a518d6e0454004000000d43d5700f8ccf73f3707be58cee04540e7b1c11d03cdf73fef2076a6d0e04540c6466aebf1ccf73f38f35080cde04540d43d5700f8ccf73f3707be58cee04540');
INSERT INTO public.gis_features VALUES (16754, 6, 0, '31049_0001_00001', '31049', '{"id": "31049_0001_00001", "id_fantoir": "31049_0001", "numero": "1", "rep": "", "nom_voie": "Place de la Mairie", "code_postal": "31380", "code_insee": "31049", "nom_commune": "Bazus", "code_insee_ancienne_commune": "", "nom_ancienne_commune": "", "x": "580196.29", "y": "6294136.32", "lon": "1.5131", "lat": "43.7361", "type_position": "entr\u00e9e", "alias": "", "nom_ld": "", "libelle_acheminement": "BAZUS", "nom_afnor": "PLACE DE LA MAIRIE", "source_position": "commune", "source_nom_voie": "commune", "certification_commune": "1", "cad_parcelles": ""}', '\x0101000000d93d7958a835f83ff54a598638de4540');
INSERT INTO public.gis_features VALUES (16753, 5, 16539, '315790000E0046', '31579', '{"id": "315790000E0046", "commune": "31579", "prefixe": "000", "section": "0E", "numero": "0046", "contenance": 19748, "arpente": false, "created": "2008-03-14", "updated": "2024-01-09"}', '\x01030000000100000006000000b0654348277cf73fd65b5e1498dc4540264b523ea97bf73fae8383bd89dc4540f68fcf752b75f73fa568e55e60dc45404ae0206b5772f73f53a2db018ddc45404d45cfd2ba72f73f858950b692dc4540b0654348277cf73fd65b5e1498dc4540');
INSERT INTO public.gis_features VALUES (22889, 7, 0, 'mairie-31049', NULL, '{"nom": "Mairie de Bazus", "categorie": "mairie", "commune": "31049", "adresse": "1 place de la Mairie, 31380 Bazus"}', '\x0101000000d93d7958a835f83ff54a598638de4540');
INSERT INTO public.gis_features VALUES (22909, 7, 20, 'centre-alsh-gragnague', NULL, '{"nom": "ALSH de Gragnague", "categorie": "centre-de-loisirs", "commune": "31228", "adresse": "7 impasse Fictive, 31380 Gragnague"}', '\x010100000095d39e927362f93f7380608e1ed74540');
INSERT INTO public.gis_features VALUES (22888, 6, 6134, '31579_0080_00099', '31579', '{"id": "31579_0080_00099", "id_fantoir": "31579_0080", "numero": "99", "rep": "", "nom_voie": "Avenue de la R\u00e9sistance", "code_postal": "31380", "code_insee": "31579", "nom_commune": "Villari\u00e8s", "code_insee_ancienne_commune": "", "nom_ancienne_commune": "", "x": "578150.01", "y": "6296312.54", "lon": "1.487192", "lat": "43.75533", "type_position": "parcelle", "alias": "", "nom_ld": "", "libelle_acheminement": "VILLARI\u00c8S", "nom_afnor": "AVENUE DE LA R\u00c9SISTANCE", "source_position": "commune", "source_nom_voie": "commune", "certification_commune": "1", "cad_parcelles": "315790000D0085"}', '\x01010000001ff7add689cbf73f06d847a7aee04540');
INSERT INTO public.gis_features VALUES (22910, 8, 0, '31049-UA', 'DU_31049', '{"idurba": "31049_PLU_20151015", "libelle": "UA", "libelong": "Zone urbaine du centre ancien", "typezone": "U", "destdomi": "03", "nomfic": "31049_reglement_20151015.pdf", "urlfic": "https://plu.exemple.invalid/31049/31049_reglement_20151015.pdf", "datappro": "20151015", "datvalid": "20151015"}', '\x01030000000100000061000000d9e49590b440f83f883dfe1c30de45408f11f5279640f83f2bd1a3f32bde45405e352acb6b40f83f1b5eb5d727de4540df420d953540f83f6b2112cf23de4540e31126d6f33ff83fd8593edc1fde45403a7afcdea63ff83f754419051cde45407e6e68ca4e3ff83f94dffd4c18de4540529e7939ec3ef83f1fe91db814de454083e1b77c7f3ef83ffd1eab4a11de454019f55a1a093ef83f827f00080ede45407ea3c27d893df83f000979f30ade4540539cfe47013df83f6179461108de454002aa6ee4703cf83ff7cec36405de45406161d229d93bf83fed889eef02de4540127239b93a3bf83f296508b600de45401899db18963af83f4223d8b8fedd4540b178a004ec39f83f8ac168fbfcdd4540b1a547533d39f83f97ff907efbdd4540b9cfe0a58a38f83fbbdbab45fadd45409f8b2bd3d437f83f6396e24ff9dd4540396ee7b11c37f83fe02d90a0f8dd4540272724e36236f83f9fe2dd36f8dd4540d93d7958a835f83f3474a213f8dd45408c54cecded34f83f9fe2dd36f8dd45407a0d0bff3334f83fe02d90a0f8dd454014f0c6dd7b33f83f6396e24ff9dd4540faab110bc632f83fbbdbab45fadd454002d6aa5d1332f83f97ff907efbdd4540020352ac6431f83f8ac168fbfcdd45409be21698ba30f83f4223d8b8fedd4540a109b9f71530f83f296508b600de4540521a2087772ff83fed889eef02de4540b1d183ccdf2ef83ff7cec36405de454060dff3684f2ef83f6179461108de454035d82f33c72df83f000979f30ade45409a869796472df83f827f00080ede4540309a3a34d12cf83ffd1eab4a11de454061dd7877642cf83f1fe91db814de4540350d8ae6012cf83f94dffd4c18de45407901f6d1a92bf83f754419051cde4540d069ccda5c2bf83fd8593edc1fde4540d438e51b1b2bf83f6b2112cf23de45405546c8e5e42af83f1b5eb5d727de4540246afd88ba2af83f2bd1a3f32bde4540da965c209c2af83f883dfe1c30de454013bfbdc6892af83f4ae5924f34de454004c8d0b1832af83ff54a598638de454013bfbdc6892af83f9fb01fbd3cde4540da965c209c2af83f6258b4ef40de4540246afd88ba2af83fbfc40e1945de45405546c8e5e42af83fcf37fd3449de4540d438e51b1b2bf83f7f74a03d4dde4540d069ccda5c2bf83f123c743051de45407901f6d1a92bf83f7551990755de4540350d8ae6012cf83f56b6b4bf58de454061dd7877642cf83fcbac94545cde4540309a3a34d12cf83fed7607c25fde45409a869796472df83f6816b20463de454035d82f33c72df83fea8c391966de454060dff3684f2ef83f891c6cfb68de4540b1d183ccdf2ef83ff3c6eea76bde4540521a2087772ff83ffd0c141d6ede4540a109b9f71530f83fc130aa5670de45409be21698ba30f83fa872da5372de4540020352ac6431f83f5fd4491174de454002d6aa5d1332f83f5396218e75de4540faab110bc632f83f2eba06c776de454014f0c6dd7b33f83f87ffcfbc77de45407a0d0bff3334f83f0a68226c78de45408c54cecded34f83f4bb3d4d578de4540d93d7958a835f83fb62110f978de4540272724e36236f83f4bb3d4d578de4540396ee7b11c37f83f0a68226c78de45409f8b2bd3d437f83f87ffcfbc77de4540b9cfe0a58a38f83f2eba06c776de4540b1a547533d39f83f5396218e75de4540b178a004ec39f83f5fd4491174de45401899db18963af83fa872da5372de4540127239b93a3bf83fc130aa5670de45406161d229d93bf83ffd0c141d6ede454002aa6ee4703cf83ff3c6eea76bde4540539cfe47013df83f891c6cfb68de45407ea3c27d893df83fea8c391966de454019f55a1a093ef83f6816b20463de454083e1b77c7f3ef83fed7607c25fde4540529e7939ec3ef83fcbac94545cde45407e6e68ca4e3ff83f56b6b4bf58de45403a7afcdea63ff83f7551990755de4540e31126d6f33ff83f123c743051de4540df420d953540f83f7f74a03d4dde45405e352acb6b40f83fcf37fd3449de45408f11f5279640f83fbfc40e1945de4540d9e49590b440f83f6258b4ef40de4540a0bc34eac640f83f9fb01fbd3cde4540afb321ffcc40f83ff54a598638de4540a0bc34eac640f83f4ae5924f34de4540d9e49590b440f83f883dfe1c30de4540');
INSERT INTO public.gis_features VALUES (23016, 8, 106, '31212-A', 'DU_31212', '{"idurba": "31212_PLU_20260301", "libelle": "A", "libelong": "Zone agricole", "typezone": "A", "destdomi": "07", "nomfic": "31212_reglement_20260301.pdf", "urlfic": "https://plu.exemple.invalid/31212/31212_reglement_20260301.pdf", "datappro": "20260301", "datvalid": "20260301"}', '\x010600000002000000010300000001000000b10000002301593e8126f93f746d5e8bccdb454046d9113ddf25f93fe514d33bcbdb4540cedb7d33d623f93f1e9c99aac5db4540778604e7e721f93fec72a5f9bedb4540db8bc3f41820f93f31523937b7db4540f7ab00df6d1ef93f0caf2479aedb4540f9ce79d7ea1cf93fdbbfb2d2a4db45400820b589931bf93fa5b7e45d9adb4540e1ffd8356b1af93fb18a37328fdb454071f783cb7419f93f586a076d83db45409fd21cb4b218f93f5ec8d92a77db454016bb229d2618f93f1dd60a896adb4540e8e73c19d217f93fac037ba75ddb4540b5087bc9b517f93f24c10aa650db4540e8e73c19d217f93f9c7e9aa443db454016bb229d2618f93fc06be1c336db45409fd21cb4b218f93f7f7912222adb454071f783cb7419f93f86d7e4df1ddb4540e1ffd8356b1af93f97f7dd1912db45400820b589931bf93f388a07ef06db4540f9ce79d7ea1cf93f6dc26279fcda4540f7ab00df6d1ef93fd192c7d3f2da4540db8bc3f41820f93f1730dc14eada4540778604e7e721f93ff1ce4653e2da4540cedb7d33d623f93f2ae67ba1dbda454046d9113ddf25f93f636d4210d6da4540430f6be0fd27f93f7d1dddadd1da4540250e34fa2c2af93fde318683ceda45407e8e8f16672cf93febe5779accda45404656c8a6a62ef93f8cf7e3f6cbda4540a810d951e630f93febe5779accda45400191346e2033f93fde318683ceda4540a529a7e26b34f93f6c425a63d0da45403673486aa144f93ff6926bafaad94540f86c1d1cec0df93f0e1bc0b6d9d84540c940f91631e7f83f233aba00ead945408ed02a8e5ee8f83f8e1ebfb7e9d94540c453d9c1d2eaf83f354987e2e9d94540b97768b345edf83fffd368cdead945402620819ab5eff83fecbe6378ecd945406023a4c920f2f83fd38acae1eed945408672a25d85f4f83fb4379d09f2d94540ece3fca8e1f6f83fa607aaebf5d945404b5b5ce333f9f83f807b4386fad945402c94f1947afbf83f59d537d5ffd945404b7265f5b3fdf83f74d602d605da454094be1072defff83fbe41c5820cda45405d4f745df801f93f4f594dd713da4540cad2985a0004f93faa9f92ce1bda45406504aff1f405f93fbed7b56224da4540b79fe7aad407f93f78c4d78d2dda45404a60730e9e09f93f9ca96b4837da454013cce20f500bf93f858abb8b41da4540bf93bb7438fff83f2faf12e280da4540733bea9e2b00f93ffc40a84187da4540a3e716ba1201f93f9aaac5f18dda45409af4520ceb01f93ffbb37ae294da4540b6b28ef4b302f93f0f20e80d9cda4540274a42226d03f93fee30dc6fa3da4540e9fd350f1604f93fae282504abda4540f4103235ae04f93f694991c6b2da4540149e865e3505f93f0c5641b1bada454079cdab3aab05f93fae9003c0c2da4540b7d4415e0f06f93fd47bcfedcada454033c170ae6106f93fff999c35d3da4540b9ad88f5a106f93fb36d6292dbda454078c201e3cf06f93fdfb941fee3da45400af2b391eb06f93f99c00875ecda45403b57efcbf406f93fd044d8f0f4da45400af2b391eb06f93f07c9a76cfdda454078c201e3cf06f93fc1cf6ee305db4540b9ad88f5a106f93fed1b4e4f0edb454033c170ae6106f93fa1ef13ac16db4540b7d4415e0f06f93fcc0de1f31edb454079cdab3aab05f93ff2f8ac2127db4540149e865e3505f93f95336f302fdb4540f4103235ae04f93f37401f1b37db4540e9fd350f1604f93ff2608bdd3edb4540274a42226d03f93fb258d47146db4540b6b28ef4b302f93f9169c8d34ddb45409af4520ceb01f93fa5d535ff54db4540a3e716ba1201f93f07dfeaef5bdb4540733bea9e2b00f93fa44808a062db4540a99fdc5b36fff83fbed3090d69db4540b0de4d5c33fef83f6ec2bd326fdb454029a84d4123fdf83fca56f20c75db4540eb909be106fcf83febd275977adb4540f9556fc3defaf83fa7b79ad07fdb45409099b0a2abf9f83f818758b384db454086f01e566ef8f83fba032b3d89db45407b0aca7e27f7f83f29ad646c8ddb454004cead6b0ff6f83f4516c49b90db4540a9d08ab9b5f6f83f878153c48edb4540ee3f321d3afdf83f85991139d8db45409c8c2ac3b8fbf83f5479967bdcdb4540ff3f4e9830faf83fd5038b68e0db45408324fd07a2f8f83f747918ffe3db454064dc1ece0df7f83f075b913de7db4540a724eb7074f5f83ff9e81e23eadb454051ba9976d6f3f83f22a413aeecdb4540034d3a8034f2f83febcc98ddeedb45405d8cdc2e8ff0f83fc0a3d7b0f0db454001289023e7eef83fa228d027f2db4540f3dc8ce43cedf83f66dcd440f3db45406e4dba2d91ebf83fa17ebcfcf3db454079365085e4e9f83fbf4fb05af4db4540b4475e8c37e8f83f2a90d959f4db4540243e1cc98ae6f83f77ff0efbf3db4540a0ae4912dfe4f83f3c5d273ff3db4540926346d334e3f83f4f2a7524f2db4540d0f1d1e28ce1f83fd8e5a5acf0db45402a317491e7dff83f6e4f90d8eedb4540dcc3149b45def83f106734a8ecdb4540214c9bbba7dcf83f53ec681ceadb45406494675e0edbf83f605edb36e7db4540444c89247ad9f83f38bd8bf7e3db4540fe15e8c9ebd7f83f04882760e0db4540115fdcfc75ddf83f96c0f74894db4540e17030e58dddf83ff624558094db4540461273ff47dcf83fe5c5d33c91db454010841a74f8daf83f29ad646c8ddb4540049ec59cb1d9f83fba032b3d89db4540faf4335074d8f83f818758b384db45409138752f41d7f83fa7b79ad07fdb4540a0fd481119d6f83febd275977adb454061e696b1fcd4f83fca56f20c75db4540daaf9696ecd3f83f6ec2bd326fdb4540e2ee0797e9d2f83fbed3090d69db45401853fa53f4d1f83fa44808a062db4540e7a6cd380dd1f83f07dfeaef5bdb4540f19991e634d0f83fa5d535ff54db4540d5db55fe6bcff83f9169c8d34ddb45406344a2d0b2cef83fb258d47146db4540a290aee309cef83ff2608bdd3edb4540967db2bd71cdf83f37401f1b37db454076f05d94eaccf83f95336f302fdb454012c138b874ccf83ff2f8ac2127db4540d4b9a29410ccf83fcc0de1f31edb454057cd7344becbf83fa1ef13ac16db4540d1e05bfd7dcbf83fed1b4e4f0edb454013cce20f50cbf83fc1cf6ee305db4540809c306134cbf83f07c9a76cfdda45404f37f5262bcbf83fd044d8f0f4da4540809c306134cbf83f99c00875ecda454013cce20f50cbf83fdfb941fee3da4540d1e05bfd7dcbf83fb36d6292dbda454057cd7344becbf83fff999c35d3da4540d4b9a29410ccf83fd47bcfedcada454012c138b874ccf83fae9003c0c2da454076f05d94eaccf83f0c5641b1bada4540967db2bd71cdf83f694991c6b2da4540a290aee309cef83fae282504abda45406344a2d0b2cef83fee30dc6fa3da4540d5db55fe6bcff83f0f20e80d9cda4540f19991e634d0f83ffbb37ae294da4540e7a6cd380dd1f83f9aaac5f18dda45401853fa53f4d1f83ffc40a84187da4540e2ee0797e9d2f83fe2b5a6d480da4540daaf9696ecd3f83f32c7f2ae7ada454061e696b1fcd4f83fd632bed474da4540a0fd481119d6f83fb5b63a4a6fda45409138752f41d7f83ff9d115116ada4540faf4335074d8f83f2002582e65da4540049ec59cb1d9f83fe68585a460da454010841a74f8daf83f77dc4b755cda4540461273ff47dcf83fbbc3dca458da4540d2b30f689fddf83f46fb0e3455da4540db8651103cdef83f6aa917d753da45402efb1aeec8ddf83f406ce9d154da4540ffd0274ddedbf83f6600039c39da4540524e6a1e76d5f83f2b06fea666da45409923d0059ad4f83f8d15eb0a6cda4540f12f82c64c82f83f0d175eee38dc4540ee6cd96b8bbcf83f7855b142dbdd45407f654a90b6f6f83f2ef36789dfdd4540ecf99ae5b211f93fd18b248b45dd45402301593e8126f93f746d5e8bccdb45400103000000010000000600000025fac6212c74f83fc3393476d3db4540a7c013c48ac4f83f6e92d56311da4540e1d231e719fbf83ff7bafbd291d84540b7dc4f7c6bb6f83f65e5f27a8bd74540332ec14e5671f83f03e38519bfdb454025fac6212c74f83fc3393476d3db4540');

INSERT INTO public.gis_layer_versions VALUES (1, 'communes', 1, '2ef2a31e24f209b160b04083be978b96ae09de9e41211f49d12fa8b77a7ece0f', 'communes.geojson', 18, 'démo', '2026-12-04 18:38:48.103418', true, '{"layer": "communes", "number": 1, "file": "communes.geojson", "sha256": "2ef2a31e24f209b160b04083be978b96ae09de9e41211f49d12fa8b77a7ece0f", "file_features": 18, "features": 18, "idurba": [], "partitions": [], "by": "d\u00e9mo", "at": "2026-12-04T18:38:48+00:00", "previous": null, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 18, "removed": 0, "changed": 0, "added_ids": ["31049", "31074", "31212", "31215", "31216", "31228", "31273", "31285", "31358", "31383", "31388", "31407", "31459", "31489", "31501", "31511", "31573", "31579"], "removed_ids": [], "changed_ids": [], "bbox": [1.4503104, 43.5956094, 1.6927833, 43.7968711]}');
INSERT INTO public.gis_layer_versions VALUES (2, 'plu_zones', 1, '9111689ae79b867f090e1135fa0b3707bb7ebae481b80ce216dd706f15602a95', 'plu_zones.geojson', 107, 'démo', '2026-12-04 18:38:48.128627', true, '{"layer": "plu_zones", "number": 1, "file": "plu_zones.geojson", "sha256": "9111689ae79b867f090e1135fa0b3707bb7ebae481b80ce216dd706f15602a95", "file_features": 107, "features": 107, "idurba": ["31049_PLU_20151015", "31074_PLU_20220315", "31212_PLU_20140715", "31215_PLU_20161015", "31216_PLU_20170715", "31228_PLU_20200715", "31273_PLU_20160415", "31285_PLU_20170415", "31358_PLU_20201015", "31383_PLU_20180615", "31388_PLU_20170615", "31407_PLU_20160215", "31459_PLU_20160315", "31489_PLU_20170715", "31501_PLU_20161215", "31511_PLU_20140615", "31573_PLU_20200815", "31579_PLU_20200515"], "partitions": ["DU_31049", "DU_31074", "DU_31212", "DU_31215", "DU_31216", "DU_31228", "DU_31273", "DU_31285", "DU_31358", "DU_31383", "DU_31388", "DU_31407", "DU_31459", "DU_31489", "DU_31501", "DU_31511", "DU_31573", "DU_31579"], "by": "d\u00e9mo", "at": "2026-12-04T18:38:48+00:00", "previous": null, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 107, "removed": 0, "changed": 0, "added_ids": ["31049-UA", "31049-UB", "31049-1AU", "31049-2AU", "31049-N", "31049-A", "31074-UA", "31074-UB", "31074-1AU", "31074-2AU", "31074-N", "31074-A", "31212-UA", "31212-UB", "31212-1AU", "31212-2AU", "31212-N", "31212-A", "31215-UA", "31215-UB", "31215-1AU", "31215-2AU", "31215-N", "31215-A", "31216-UA", "31216-UB", "31216-1AU", "31216-2AU", "31216-N", "31216-A", "31228-UA", "31228-UB", "31228-1AU", "31228-2AU", "31228-N", "31228-A", "31273-UA", "31273-UB", "31273-1AU", "31273-2AU", "31273-N", "31273-A", "31285-UA", "31285-UB", "31285-1AU", "31285-2AU", "31285-N", "31285-A", "31358-UA", "31358-UB", "31358-1AU", "31358-2AU", "31358-N", "31358-A", "31383-UA", "31383-UB", "31383-1AU", "31383-2AU", "31383-N", "31383-A", "31388-UA", "31388-UB", "31388-1AU", "31388-2AU", "31388-N", "31388-A", "31407-UA", "31407-UB", "31407-1AU", "31407-2AU", "31407-N", "31407-A", "31459-UA", "31459-UB", "31459-1AU", "31459-2AU", "31459-N", "31459-A", "31489-UA", "31489-UB", "31489-1AU", "31489-2AU", "31489-A", "31501-UA", "31501-UB", "31501-1AU", "31501-2AU", "31501-N", "31501-A", "31511-UA", "31511-UB", "31511-1AU", "31511-2AU", "31511-N", "31511-A", "31573-UA", "31573-UB", "31573-1AU", "31573-2AU", "31573-N", "31573-A", "31579-UA", "31579-UB", "31579-1AU", "31579-2AU", "31579-N", "31579-A"], "removed_ids": [], "changed_ids": [], "bbox": [1.4503104, 43.5956094, 1.6927833, 43.7968711]}');
INSERT INTO public.gis_layer_versions VALUES (3, 'plu_prescriptions', 1, 'd215c954a2c7f5f2980f5e13331b2b174eca3bba59de170fbcbe6ba3a1300bc4', 'plu_prescriptions.geojson', 70, 'démo', '2026-12-04 18:38:48.14305', true, '{"layer": "plu_prescriptions", "number": 1, "file": "plu_prescriptions.geojson", "sha256": "d215c954a2c7f5f2980f5e13331b2b174eca3bba59de170fbcbe6ba3a1300bc4", "file_features": 70, "features": 70, "idurba": ["31049_PLU_20151015", "31074_PLU_20220315", "31212_PLU_20140715", "31215_PLU_20161015", "31216_PLU_20170715", "31228_PLU_20200715", "31273_PLU_20160415", "31285_PLU_20170415", "31358_PLU_20201015", "31383_PLU_20180615", "31388_PLU_20170615", "31407_PLU_20160215", "31459_PLU_20160315", "31489_PLU_20170715", "31501_PLU_20161215", "31511_PLU_20140615", "31573_PLU_20200815", "31579_PLU_20200515"], "partitions": ["DU_31049", "DU_31074", "DU_31212", "DU_31215", "DU_31216", "DU_31228", "DU_31273", "DU_31285", "DU_31358", "DU_31383", "DU_31388", "DU_31407", "DU_31459", "DU_31489", "DU_31501", "DU_31511", "DU_31573", "DU_31579"], "by": "d\u00e9mo", "at": "2026-12-04T18:38:48+00:00", "previous": null, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 70, "removed": 0, "changed": 0, "added_ids": ["31049-EBC", "31049-ER1", "31049-HAIE", "31049-EGLISE", "31074-ER1", "31074-HAIE", "31074-EGLISE", "31212-EBC", "31212-ER1", "31212-HAIE", "31212-EGLISE", "31215-EBC", "31215-ER1", "31215-HAIE", "31215-EGLISE", "31216-EBC", "31216-ER1", "31216-HAIE", "31216-EGLISE", "31228-EBC", "31228-ER1", "31228-HAIE", "31228-EGLISE", "31273-EBC", "31273-ER1", "31273-HAIE", "31273-EGLISE", "31285-EBC", "31285-ER1", "31285-HAIE", "31285-EGLISE", "31358-EBC", "31358-ER1", "31358-HAIE", "31358-EGLISE", "31383-EBC", "31383-ER1", "31383-HAIE", "31383-EGLISE", "31388-EBC", "31388-ER1", "31388-HAIE", "31388-EGLISE", "31407-EBC", "31407-ER1", "31407-HAIE", "31407-EGLISE", "31459-EBC", "31459-ER1", "31459-HAIE", "31459-EGLISE", "31489-ER1", "31489-HAIE", "31489-EGLISE", "31501-EBC", "31501-ER1", "31501-HAIE", "31501-EGLISE", "31511-EBC", "31511-ER1", "31511-HAIE", "31511-EGLISE", "31573-EBC", "31573-ER1", "31573-HAIE", "31573-EGLISE", "31579-EBC", "31579-ER1", "31579-HAIE", "31579-EGLISE"], "removed_ids": [], "changed_ids": [], "bbox": [1.4720716, 43.6097129, 1.6739516, 43.774625]}');
INSERT INTO public.gis_layer_versions VALUES (4, 'plu_informations', 1, '4a4aa23f36e8f5b74dc00cafcf595a91b2cae67247311edd341c5fd9fb4a40ac', 'plu_informations.geojson', 18, 'démo', '2026-12-04 18:38:48.161385', true, '{"layer": "plu_informations", "number": 1, "file": "plu_informations.geojson", "sha256": "4a4aa23f36e8f5b74dc00cafcf595a91b2cae67247311edd341c5fd9fb4a40ac", "file_features": 18, "features": 18, "idurba": ["31049_PLU_20151015", "31074_PLU_20220315", "31212_PLU_20140715", "31215_PLU_20161015", "31216_PLU_20170715", "31228_PLU_20200715", "31273_PLU_20160415", "31285_PLU_20170415", "31358_PLU_20201015", "31383_PLU_20180615", "31388_PLU_20170615", "31407_PLU_20160215", "31459_PLU_20160315", "31489_PLU_20170715", "31501_PLU_20161215", "31511_PLU_20140615", "31573_PLU_20200815", "31579_PLU_20200515"], "partitions": ["DU_31049", "DU_31074", "DU_31212", "DU_31215", "DU_31216", "DU_31228", "DU_31273", "DU_31285", "DU_31358", "DU_31383", "DU_31388", "DU_31407", "DU_31459", "DU_31489", "DU_31501", "DU_31511", "DU_31573", "DU_31579"], "by": "d\u00e9mo", "at": "2026-12-04T18:38:48+00:00", "previous": null, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 18, "removed": 0, "changed": 0, "added_ids": ["31049-DPU", "31074-DPU", "31212-DPU", "31215-DPU", "31216-DPU", "31228-DPU", "31273-DPU", "31285-DPU", "31358-DPU", "31383-DPU", "31388-DPU", "31407-DPU", "31459-DPU", "31489-DPU", "31501-DPU", "31511-DPU", "31573-DPU", "31579-DPU"], "removed_ids": [], "changed_ids": [], "bbox": [1.4717176, 43.614152, 1.6741114, 43.782055]}');
INSERT INTO public.gis_layer_versions VALUES (5, 'parcels', 1, 'f5b2ebef49fc1d6dfe1e9d9783ae2a77ccab8370668616eefd142a1a82b564fb', 'parcels.geojson', 16540, 'démo', '2026-12-04 18:38:49.19916', true, '{"layer": "parcels", "number": 1, "file": "parcels.geojson", "sha256": "f5b2ebef49fc1d6dfe1e9d9783ae2a77ccab8370668616eefd142a1a82b564fb", "file_features": 16540, "features": 16540, "idurba": [], "partitions": ["31049", "31074", "31212", "31215", "31216", "31228", "31273", "31285", "31358", "31383", "31388", "31407", "31459", "31489", "31501", "31511", "31573", "31579"], "by": "d\u00e9mo", "at": "2026-12-04T18:38:49+00:00", "previous": null, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 16540, "removed": 0, "changed": 0, "added_ids": ["310490000A0001", "310490000A0002", "310490000A0003", "310490000A0004", "310490000A0005", "310490000A0006", "310490000A0007", "310490000A0008", "310490000A0009", "310490000A0010", "310490000A0011", "310490000A0012", "310490000A0013", "310490000A0014", "310490000A0015", "310490000A0016", "310490000A0017", "310490000A0018", "310490000A0019", "310490000A0020", "310490000A0021", "310490000A0022", "310490000A0023", "310490000A0024", "310490000A0025", "310490000A0026", "310490000A0027", "310490000A0028", "310490000A0029", "310490000A0030", "310490000A0031", "310490000A0032", "310490000A0033", "310490000A0034", "310490000A0035", "310490000A0036", "310490000A0037", "310490000A0038", "310490000A0039", "310490000A0040", "310490000B0001", "310490000B0002", "310490000B0003", "310490000B0004", "310490000B0005", "310490000B0006", "310490000B0007", "310490000B0008", "310490000B0009", "310490000B0010", "310490000B0011", "310490000B0012", "310490000B0013", "310490000B0014", "310490000B0015", "310490000B0016", "310490000B0017", "310490000B0018", "310490000B0019", "310490000B0020", "310490000B0021", "310490000B0022", "310490000B0023", "310490000B0024", "310490000B0025", "310490000B0026", "310490000B0027", "310490000B0028", "310490000B0029", "310490000B0030", "310490000B0031", "310490000B0032", "310490000B0033", "310490000B0034", "310490000B0035", "310490000B0036", "310490000B0037", "310490000B0038", "310490000B0039", "310490000B0040", "310490000B0041", "310490000B0042", "310490000B0043", "310490000B0044", "310490000B0045", "310490000B0046", "310490000B0047", "310490000B0048", "310490000B0049", "310490000B0050", "310490000B0051", "310490000B0052", "310490000B0053", "310490000B0054", "310490000B0055", "310490000B0056", "310490000B0057", "310490000B0058", "310490000B0059", "310490000B0060", "310490000B0061", "310490000B0062", "310490000B0063", "310490000B0064", "310490000B0065", "310490000B0066", "310490000B0067", "310490000B0068", "310490000B0069", "310490000B0070", "310490000B0071", "310490000B0072", "310490000B0073", "310490000B0074", "310490000B0075", "310490000B0076", "310490000B0077", "310490000B0078", "310490000B0079", "310490000B0080", "310490000B0081", "310490000B0082", "310490000B0083", "310490000B0084", "310490000B0085", "310490000B0086", "310490000B0087", "310490000B0088", "310490000B0089", "310490000B0090", "310490000B0091", "310490000B0092", "310490000B0093", "310490000B0094", "310490000B0095", "310490000B0096", "310490000B0097", "310490000B0098", "310490000B0099", "310490000B0100", "310490000B0101", "310490000B0102", "310490000B0103", "310490000B0104", "310490000B0105", "310490000B0106", "310490000B0107", "310490000B0108", "310490000B0109", "310490000B0110", "310490000B0111", "310490000B0112", "310490000B0113", "310490000B0114", "310490000B0115", "310490000B0116", "310490000B0117", "310490000B0118", "310490000B0119", "310490000B0120", "310490000B0121", "310490000B0122", "310490000B0123", "310490000B0124", "310490000B0125", "310490000B0126", "310490000B0127", "310490000B0128", "310490000B0129", "310490000B0130", "310490000B0131", "310490000B0132", "310490000B0133", "310490000B0134", "310490000B0135", "310490000B0136", "310490000B0137", "310490000B0138", "310490000B0139", "310490000B0140", "310490000B0141", "310490000B0142", "310490000B0143", "310490000B0144", "310490000B0145", "310490000B0146", "310490000B0147", "310490000B0148", "310490000B0149", "310490000B0150", "310490000B0151", "310490000B0152", "310490000B0153", "310490000B0154", "310490000B0155", "310490000B0156", "310490000B0157", "310490000B0158", "310490000B0159", "310490000B0160", "310490000B0161", "310490000B0162", "310490000B0163", "310490000B0164", "310490000B0165", "310490000B0166", "310490000B0167", "310490000B0168", "310490000B0169", "310490000B0170", "310490000B0171", "310490000B0172", "310490000B0173", "310490000B0174", "310490000B0175", "310490000B0176", "310490000B0177", "310490000B0178", "310490000B0179", "310490000B0180", "310490000B0181", "310490000B0182", "310490000B0183", "310490000B0184", "310490000B0185", "310490000B0186", "310490000B0187", "310490000B0188", "310490000B0189", "310490000B0190", "310490000B0191", "310490000B0192", "310490000B0193", "310490000B0194", "310490000B0195", "310490000B0196", "310490000B0197", "310490000B0198", "310490000B0199", "310490000B0200", "310490000B0201", "310490000B0202", "310490000B0203", "310490000B0204", "310490000B0205", "310490000B0206", "310490000B0207", "310490000B0208", "310490000B0209", "310490000B0210", "310490000B0211", "310490000B0212", "310490000B0213", "310490000B0214", "310490000B0215", "310490000B0216", "310490000B0217", "310490000B0218", "310490000B0219", "310490000B0220", "310490000B0221", "310490000B0222", "310490000B0223", "310490000B0224", "310490000B0225", "310490000B0226", "310490000B0227", "310490000B0228", "310490000B0229", "310490000B0230", "310490000B0231", "310490000B0232", "310490000B0233", "310490000B0234", "310490000B0235", "310490000B0236", "310490000B0237", "310490000B0238", "310490000B0239", "310490000B0240", "310490000B0241", "310490000B0242", "310490000B0243", "310490000B0244", "310490000B0245", "310490000B0246", "310490000B0247", "310490000B0248", "310490000B0249", "310490000B0250", "310490000B0251", "310490000B0252", "310490000B0253", "310490000B0254", "310490000B0255", "310490000B0256", "310490000B0257", "310490000B0258", "310490000B0259", "310490000B0260", "310490000B0261", "310490000B0262", "310490000B0263", "310490000B0264", "310490000B0265", "310490000B0266", "310490000B0267", "310490000B0268", "310490000B0269", "310490000B0270", "310490000B0271", "310490000B0272", "310490000B0273", "310490000B0274", "310490000B0275", "310490000B0276", "310490000B0277", "310490000B0278", "310490000B0279", "310490000B0280", "310490000B0281", "310490000B0282", "310490000B0283", "310490000B0284", "310490000B0285", "310490000B0286", "310490000B0287", "310490000B0288", "310490000B0289", "310490000B0290", "310490000B0291", "310490000B0292", "310490000B0293", "310490000B0294", "310490000B0295", "310490000B0296", "310490000B0297", "310490000B0298", "310490000B0299", "310490000B0300", "310490000B0301", "310490000B0302", "310490000B0303", "310490000B0304", "310490000B0305", "310490000B0306", "310490000B0307", "310490000B0308", "310490000B0309", "310490000B0310", "310490000B0311", "310490000B0312", "310490000B0313", "310490000B0314", "310490000B0315", "310490000B0316", "310490000B0317", "310490000B0318", "310490000B0319", "310490000B0320", "310490000B0321", "310490000B0322", "310490000B0323", "310490000B0324", "310490000B0325", "310490000B0326", "310490000B0327", "310490000B0328", "310490000B0329", "310490000B0330", "310490000B0331", "310490000B0332", "310490000B0333", "310490000B0334", "310490000B0335", "310490000B0336", "310490000B0337", "310490000B0338", "310490000B0339", "310490000B0340", "310490000B0341", "310490000B0342", "310490000B0343", "310490000B0344", "310490000B0345", "310490000B0346", "310490000B0347", "310490000B0348", "310490000B0349", "310490000B0350", "310490000B0351", "310490000B0352", "310490000B0353", "310490000B0354", "310490000B0355", "310490000B0356", "310490000B0357", "310490000B0358", "310490000B0359", "310490000B0360", "310490000B0361", "310490000B0362", "310490000B0363", "310490000B0364", "310490000B0365", "310490000B0366", "310490000B0367", "310490000B0368", "310490000B0369", "310490000B0370", "310490000B0371", "310490000B0372", "310490000B0373", "310490000B0374", "310490000B0375", "310490000B0376", "310490000B0377", "310490000B0378", "310490000B0379", "310490000B0380", "310490000B0381", "310490000B0382", "310490000B0383", "310490000B0384", "310490000B0385", "310490000B0386", "310490000B0387", "310490000B0388", "310490000B0389", "310490000B0390", "310490000B0391", "310490000B0392", "310490000B0393", "310490000B0394", "310490000B0395", "310490000B0396", "310490000B0397", "310490000B0398", "310490000B0399", "310490000B0400", "310490000B0401", "310490000B0402", "310490000B0403", "310490000B0404", "310490000B0405", "310490000B0406", "310490000B0407", "310490000B0408", "310490000B0409", "310490000B0410", "310490000B0411", "310490000B0412", "310490000B0413", "310490000B0414", "310490000B0415", "310490000B0416", "310490000B0417", "310490000B0418", "310490000B0419", "310490000B0420", "310490000B0421", "310490000B0422", "310490000B0423", "310490000B0424", "310490000B0425", "310490000B0426", "310490000B0427", "310490000B0428", "310490000B0429", "310490000B0430", "310490000B0431", "310490000B0432", "310490000B0433", "310490000B0434", "310490000B0435", "310490000B0436", "310490000B0437", "310490000B0438", "310490000B0439", "310490000B0440", "310490000B0441", "310490000B0442", "310490000B0443", "310490000B0444", "310490000B0445", "310490000B0446", "310490000B0447", "310490000B0448", "310490000B0449", "310490000B0450", "310490000B0451", "310490000B0452", "310490000B0453", "310490000B0454", "310490000B0455", "310490000B0456", "310490000B0457", "310490000B0458", "310490000B0459", "310490000B0460"], "removed_ids": [], "changed_ids": [], "bbox": [1.4503108, 43.5956765, 1.6927833, 43.7968711]}');
INSERT INTO public.gis_layer_versions VALUES (6, 'addresses', 1, '195f629aa9f427df21546b6da690055378367a57e245877cd96079226602a597', 'addresses.csv', 6135, 'démo', '2026-12-04 18:38:50.330661', true, '{"layer": "addresses", "number": 1, "file": "addresses.csv", "sha256": "195f629aa9f427df21546b6da690055378367a57e245877cd96079226602a597", "file_features": 6135, "features": 6135, "idurba": [], "partitions": ["31049", "31074", "31212", "31215", "31216", "31228", "31273", "31285", "31358", "31383", "31388", "31407", "31459", "31489", "31501", "31511", "31573", "31579"], "by": "d\u00e9mo", "at": "2026-12-04T18:38:50+00:00", "previous": null, "demo": true}', '{"added": 6135, "removed": 0, "changed": 0, "added_ids": ["31049_0001_00001", "31049_0010_00002", "31049_0010_00004", "31049_0010_00006", "31049_0010_00008", "31049_0010_00010", "31049_0010_00012", "31049_0010_00014", "31049_0010_00016", "31049_0010_00018", "31049_0010_00020", "31049_0010_00022", "31049_0010_00024", "31049_0010_00026", "31049_0010_00028", "31049_0010_00030", "31049_0010_00032", "31049_0010_00034_bis", "31049_0010_00036", "31049_0010_00038", "31049_0010_00040", "31049_0010_00042", "31049_0010_00044", "31049_0010_00046", "31049_0010_00048", "31049_0010_00050", "31049_0010_00052", "31049_0010_00054", "31049_0010_00056", "31049_0010_00058", "31049_0010_00060", "31049_0010_00062", "31049_0010_00064", "31049_0020_00001", "31049_0020_00003", "31049_0020_00005", "31049_0020_00007", "31049_0020_00009", "31049_0020_00011", "31049_0020_00013", "31049_0020_00015", "31049_0020_00017", "31049_0020_00019", "31049_0020_00021", "31049_0020_00023", "31049_0020_00025", "31049_0020_00027", "31049_0020_00029", "31049_0020_00031", "31049_0020_00033_bis", "31049_0020_00035", "31049_0020_00037", "31049_0020_00039", "31049_0020_00041", "31049_0020_00043", "31049_0020_00045", "31049_0020_00047", "31049_0020_00049", "31049_0020_00051", "31049_0020_00053", "31049_0020_00055", "31049_0020_00057", "31049_0020_00059", "31049_0020_00061", "31049_0020_00063", "31049_0020_00065", "31049_0020_00067_bis", "31049_0030_00002", "31049_0030_00004", "31049_0030_00006", "31049_0030_00008", "31049_0030_00010", "31049_0030_00012", "31049_0030_00014", "31049_0030_00016", "31049_0030_00018", "31049_0030_00020", "31049_0030_00022", "31049_0030_00024", "31049_0030_00026", "31049_0030_00028", "31049_0030_00030", "31049_0030_00032", "31049_0030_00034_bis", "31049_0030_00036", "31049_0030_00038", "31049_0030_00040", "31049_0030_00042", "31049_0030_00044", "31049_0030_00046", "31049_0030_00048", "31049_0030_00050", "31049_0030_00052", "31049_0030_00054", "31049_0030_00056", "31049_0030_00058", "31049_0030_00060", "31049_0030_00062", "31049_0030_00064", "31049_0040_00001", "31049_0040_00003", "31049_0040_00005", "31049_0040_00007", "31049_0040_00009", "31049_0040_00011", "31049_0040_00013", "31049_0040_00015", "31049_0040_00017", "31049_0040_00019", "31049_0040_00021", "31049_0040_00023", "31049_0040_00025", "31049_0040_00027", "31049_0040_00029", "31049_0040_00031", "31049_0040_00033_bis", "31049_0040_00035", "31049_0040_00037", "31049_0040_00039", "31049_0040_00041", "31049_0040_00043", "31049_0040_00045", "31049_0040_00047", "31049_0040_00049", "31049_0040_00051", "31049_0040_00053", "31049_0040_00055", "31049_0040_00057", "31049_0040_00059", "31049_0040_00061", "31049_0040_00063", "31049_0040_00065", "31049_0040_00067_bis", "31049_0050_00002", "31049_0050_00004", "31049_0050_00006", "31049_0050_00008", "31049_0050_00010", "31049_0050_00012", "31049_0050_00014", "31049_0050_00016", "31049_0050_00018", "31049_0050_00020", "31049_0050_00022", "31049_0050_00024", "31049_0050_00026", "31049_0050_00028", "31049_0050_00030", "31049_0050_00032", "31049_0050_00034_bis", "31049_0050_00036", "31049_0050_00038", "31049_0050_00040", "31049_0050_00042", "31049_0050_00044", "31049_0050_00046", "31049_0050_00048", "31049_0050_00050", "31049_0050_00052", "31049_0050_00054", "31049_0050_00056", "31049_0050_00058", "31049_0050_00060", "31049_0050_00062", "31049_0050_00064", "31049_0060_00001", "31049_0060_00003", "31049_0060_00005", "31049_0060_00007", "31049_0060_00009", "31049_0060_00011", "31049_0060_00013", "31049_0060_00015", "31049_0060_00017", "31049_0060_00019", "31049_0060_00021", "31049_0060_00023", "31049_0060_00025", "31049_0060_00027", "31049_0060_00029", "31049_0060_00031", "31049_0060_00033_bis", "31049_0060_00035", "31049_0060_00037", "31049_0060_00039", "31049_0060_00041", "31049_0060_00043", "31049_0060_00045", "31049_0060_00047", "31049_0060_00049", "31049_0060_00051", "31049_0060_00053", "31049_0060_00055", "31049_0060_00057", "31049_0060_00059", "31049_0060_00061", "31049_0060_00063", "31049_0070_00002", "31049_0070_00004", "31049_0070_00006", "31049_0070_00008", "31049_0070_00010", "31049_0070_00012", "31049_0070_00014", "31049_0070_00016", "31049_0070_00018", "31049_0070_00020", "31049_0070_00022", "31049_0070_00024", "31049_0070_00026", "31049_0070_00028", "31049_0070_00030", "31049_0070_00032", "31049_0070_00034_bis", "31049_0070_00036", "31049_0070_00038", "31049_0070_00040", "31049_0070_00042", "31049_0070_00044", "31049_0070_00046", "31049_0070_00048", "31049_0070_00050", "31049_0070_00052", "31049_0070_00054", "31049_0070_00056", "31049_0070_00058", "31049_0070_00060", "31049_0070_00062", "31049_0070_00064", "31049_0070_00066", "31049_0070_00068_bis", "31049_0080_00001", "31049_0080_00003", "31049_0080_00005", "31049_0080_00007", "31049_0080_00009", "31049_0080_00011", "31049_0080_00013", "31049_0080_00015", "31049_0080_00017", "31049_0080_00019", "31049_0080_00021", "31049_0080_00023", "31049_0080_00025", "31049_0080_00027", "31049_0080_00029", "31049_0080_00031", "31049_0080_00033_bis", "31049_0080_00035", "31049_0080_00037", "31049_0080_00039", "31049_0080_00041", "31049_0080_00043", "31049_0080_00045", "31049_0080_00047", "31049_0080_00049", "31049_0080_00051", "31049_0080_00053", "31049_0080_00055", "31049_0080_00057", "31049_0080_00059", "31074_0001_00001", "31074_0010_00002", "31074_0010_00004", "31074_0010_00006", "31074_0010_00008", "31074_0010_00010", "31074_0010_00012", "31074_0010_00014", "31074_0010_00016", "31074_0010_00018", "31074_0010_00020", "31074_0010_00022", "31074_0010_00024", "31074_0010_00026", "31074_0010_00028", "31074_0010_00030", "31074_0010_00032", "31074_0010_00034_bis", "31074_0010_00036", "31074_0010_00038", "31074_0010_00040", "31074_0010_00042", "31074_0010_00044", "31074_0010_00046", "31074_0010_00048", "31074_0010_00050", "31074_0010_00052", "31074_0010_00054", "31074_0020_00001", "31074_0020_00003", "31074_0020_00005", "31074_0020_00007", "31074_0020_00009", "31074_0020_00011", "31074_0020_00013", "31074_0020_00015", "31074_0020_00017", "31074_0020_00019", "31074_0020_00021", "31074_0020_00023", "31074_0020_00025", "31074_0020_00027", "31074_0020_00029", "31074_0020_00031", "31074_0020_00033_bis", "31074_0020_00035", "31074_0020_00037", "31074_0020_00039", "31074_0020_00041", "31074_0020_00043", "31074_0020_00045", "31074_0020_00047", "31074_0020_00049", "31074_0020_00051", "31074_0020_00053", "31074_0020_00055", "31074_0020_00057", "31074_0020_00059", "31074_0020_00061", "31074_0020_00063", "31074_0030_00002", "31074_0030_00004", "31074_0030_00006", "31074_0030_00008", "31074_0030_00010", "31074_0030_00012", "31074_0030_00014", "31074_0030_00016", "31074_0030_00018", "31074_0030_00020", "31074_0030_00022", "31074_0030_00024", "31074_0030_00026", "31074_0030_00028", "31074_0030_00030", "31074_0030_00032", "31074_0030_00034_bis", "31074_0030_00036", "31074_0030_00038", "31074_0030_00040", "31074_0030_00042", "31074_0030_00044", "31074_0030_00046", "31074_0040_00001", "31074_0040_00003", "31074_0040_00005", "31074_0040_00007", "31074_0040_00009", "31074_0040_00011", "31074_0040_00013", "31074_0040_00015", "31074_0040_00017", "31074_0040_00019", "31074_0040_00021", "31074_0040_00023", "31074_0040_00025", "31074_0040_00027", "31074_0040_00029", "31074_0040_00031", "31074_0040_00033_bis", "31074_0040_00035", "31074_0040_00037", "31074_0040_00039", "31074_0040_00041", "31074_0050_00002", "31074_0050_00004", "31074_0050_00006", "31074_0050_00008", "31074_0050_00010", "31074_0050_00012", "31074_0050_00014", "31074_0050_00016", "31074_0050_00018", "31074_0050_00020", "31074_0050_00022", "31074_0050_00024", "31074_0050_00026", "31074_0050_00028", "31074_0050_00030", "31074_0050_00032", "31074_0050_00034_bis", "31074_0050_00036", "31074_0050_00038", "31074_0050_00040", "31074_0050_00042", "31074_0050_00044", "31074_0050_00046", "31074_0050_00048", "31074_0050_00050", "31074_0050_00052", "31074_0050_00054", "31074_0050_00056", "31074_0050_00058", "31074_0050_00060", "31074_0050_00062", "31074_0050_00064", "31074_0050_00066", "31074_0050_00068_bis", "31074_0050_00070", "31074_0050_00072", "31074_0050_00074", "31074_0050_00076", "31074_0060_00001", "31074_0060_00003", "31074_0060_00005", "31074_0060_00007", "31074_0060_00009", "31074_0060_00011", "31074_0060_00013", "31074_0060_00015", "31074_0060_00017", "31074_0060_00019", "31074_0060_00021", "31074_0060_00023", "31074_0060_00025", "31074_0060_00027", "31074_0060_00029", "31074_0060_00031", "31074_0060_00033_bis", "31074_0060_00035", "31074_0060_00037", "31074_0060_00039", "31074_0060_00041", "31074_0060_00043", "31074_0060_00045", "31074_0070_00002", "31074_0070_00004", "31074_0070_00006", "31074_0070_00008", "31074_0070_00010", "31074_0070_00012", "31074_0070_00014", "31074_0070_00016", "31074_0070_00018", "31074_0070_00020", "31074_0070_00022", "31074_0070_00024", "31074_0070_00026", "31074_0070_00028", "31074_0070_00030", "31074_0070_00032", "31074_0070_00034_bis", "31074_0070_00036", "31074_0070_00038", "31074_0070_00040", "31074_0070_00042", "31074_0070_00044", "31074_0070_00046", "31074_0070_00048", "31074_0070_00050", "31074_0070_00052", "31074_0070_00054", "31074_0070_00056", "31074_0080_00001", "31074_0080_00003", "31074_0080_00005", "31074_0080_00007", "31074_0080_00009", "31074_0080_00011", "31074_0080_00013", "31074_0080_00015", "31074_0080_00017", "31074_0080_00019", "31074_0080_00021", "31074_0080_00023", "31074_0080_00025", "31074_0080_00027", "31074_0080_00029", "31074_0080_00031", "31074_0080_00033_bis", "31074_0080_00035", "31074_0080_00037", "31074_0080_00039", "31074_0080_00041", "31074_0080_00043", "31074_0080_00045", "31074_0080_00047", "31074_0080_00049", "31074_0080_00051", "31074_0080_00053", "31212_0001_00001", "31212_0010_00002", "31212_0010_00004", "31212_0010_00006", "31212_0010_00008", "31212_0010_00010", "31212_0010_00012", "31212_0010_00014", "31212_0010_00016", "31212_0010_00018", "31212_0010_00020", "31212_0010_00022", "31212_0010_00024", "31212_0010_00026", "31212_0010_00028", "31212_0010_00030", "31212_0010_00032", "31212_0010_00034_bis", "31212_0010_00036"], "removed_ids": [], "changed_ids": [], "bbox": [1.475649, 43.614164, 1.670157, 43.779072]}');
INSERT INTO public.gis_layer_versions VALUES (7, 'poi', 1, 'f698ef26635829aee804612339d67a382f359a3bfb4152102cfbc2f21ff2a00f', 'poi.geojson', 21, 'démo', '2026-12-04 18:38:50.767965', true, '{"layer": "poi", "number": 1, "file": "poi.geojson", "sha256": "f698ef26635829aee804612339d67a382f359a3bfb4152102cfbc2f21ff2a00f", "file_features": 21, "features": 21, "idurba": [], "partitions": [], "by": "d\u00e9mo", "at": "2026-12-04T18:38:50+00:00", "previous": null, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 21, "removed": 0, "changed": 0, "added_ids": ["mairie-31049", "mairie-31074", "mairie-31212", "mairie-31215", "mairie-31216", "mairie-31228", "mairie-31273", "mairie-31285", "mairie-31358", "mairie-31383", "mairie-31388", "mairie-31407", "mairie-31459", "mairie-31489", "mairie-31501", "mairie-31511", "mairie-31573", "mairie-31579", "centre-alsh-verfeil", "centre-alsh-montastruc", "centre-alsh-gragnague"], "removed_ids": [], "changed_ids": [], "bbox": [1.4814, 43.6181, 1.664936, 43.7744]}');
INSERT INTO public.gis_layer_versions VALUES (8, 'plu_zones', 2, 'c1f20d3b3fce31295d02ac5f62d49fca96865332a632df176216d26d3e26da38', 'plu_zones_31212_modification.geojson', 107, 'démo', '2026-12-04 18:38:51.206866', true, '{"layer": "plu_zones", "number": 2, "file": "plu_zones_31212_modification.geojson", "sha256": "c1f20d3b3fce31295d02ac5f62d49fca96865332a632df176216d26d3e26da38", "file_features": 6, "features": 107, "idurba": ["31212_PLU_20260301"], "partitions": ["DU_31212"], "by": "d\u00e9mo", "at": "2026-12-04T18:38:51+00:00", "previous": 1, "demo": true, "source": "DONN\u00c9ES DE D\u00c9MONSTRATION \u2014 fictives, g\u00e9n\u00e9r\u00e9es par portal.gis.demo_data : ce ne sont ni le cadastre, ni les PLU, ni les adresses r\u00e9els des communes."}', '{"added": 0, "removed": 0, "changed": 2, "added_ids": [], "removed_ids": [], "changed_ids": ["31212-1AU", "31212-2AU"], "bbox": [1.5526441, 43.702445, 1.5652619, 43.7183946], "parcels_changing_zone": 66, "zone_transitions": {"AUc \u2192 U": 35, "AUs \u2192 AUc": 31}, "parcel_ids": ["312120000A0100", "312120000A0101", "312120000A0102", "312120000A0103", "312120000A0104", "312120000A0105", "312120000A0107", "312120000A0109", "312120000A0117", "312120000A0120", "312120000A0121", "312120000A0122", "312120000A0124", "312120000A0126", "312120000A0129", "312120000A0130", "312120000A0131", "312120000A0132", "312120000A0133", "312120000A0134", "312120000A0135", "312120000A0136", "312120000A0137", "312120000A0140", "312120000A0143", "312120000A0147", "312120000A0148", "312120000A0151", "312120000A0152", "312120000A0154", "312120000A0156", "312120000C0063", "312120000C0086", "312120000C0087", "312120000C0103", "312120000C0105", "312120000C0106", "312120000C0123", "312120000C0126", "312120000C0127", "312120000C0128", "312120000C0129", "312120000C0134", "312120000C0136", "312120000C0137", "312120000C0143", "312120000C0145", "312120000C0148", "312120000C0150", "312120000C0151", "312120000C0153", "312120000C0154", "312120000C0158", "312120000C0159", "312120000C0160", "312120000C0161", "312120000C0163", "312120000C0164", "312120000C0165", "312120000C0171", "312120000C0175", "312120000D0020", "312120000D0024", "312120000D0025", "312120000D0032", "312120000D0033"], "parcels_newly_zoned": 0, "parcels_no_longer_zoned": 0}');

INSERT INTO public.mail_queue VALUES (1, 'famille.exemple-garcia@exemple.fr', 'Demande d’inscription reçue — Léa, Mercredis — 2026-2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Léa (Mercredis — 2026-2027) :

- mercredi 9 décembre 2026, journée : Sports collectifs (ALSH de Verfeil) — place réservée

Les places sont réservées ; le secrétariat va vérifier votre dossier et valider l’inscription. Vous recevrez un e-mail de confirmation.

Numéro de la demande : 1 — code public : 5826A63C9B4E

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.806025', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (2, 'famille.exemple-garcia@exemple.fr', 'Demande d’inscription reçue — Léa, Vacances d’hiver 2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Léa (Vacances d’hiver 2027) :

- vendredi 1er janvier 2027, journée : Ateliers nature (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)
- lundi 4 janvier 2027, journée : Sports collectifs (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)
- mardi 5 janvier 2027, journée : Ateliers nature (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)

Les demandes sont recueillies jusqu’au jeudi 10 décembre 2026 à 12 h ; les places seront alors attribuées selon les critères de priorité publiés, puis par tirage au sort en cas d’égalité. Vous recevrez le résultat par e-mail.

Numéro de la demande : 2 — code public : 8A13E85EE9F2

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.816414', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (3, 'famille.exemple-garcia@exemple.fr', 'Demande d’inscription reçue — Hugo, Mercredis — 2026-2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Hugo (Mercredis — 2026-2027) :

- mercredi 9 décembre 2026, journée : Sports collectifs (ALSH de Verfeil) — place réservée

Les places sont réservées ; le secrétariat va vérifier votre dossier et valider l’inscription. Vous recevrez un e-mail de confirmation.

Numéro de la demande : 3 — code public : 0523EBD6A5DD

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.820293', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (4, 'famille.exemple-garcia@exemple.fr', 'Demande d’inscription reçue — Hugo, Vacances d’hiver 2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Hugo (Vacances d’hiver 2027) :

- vendredi 1er janvier 2027, journée : Ateliers nature (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)
- lundi 4 janvier 2027, journée : Sports collectifs (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)
- mardi 5 janvier 2027, journée : Ateliers nature (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)

Les demandes sont recueillies jusqu’au jeudi 10 décembre 2026 à 12 h ; les places seront alors attribuées selon les critères de priorité publiés, puis par tirage au sort en cas d’égalité. Vous recevrez le résultat par e-mail.

Numéro de la demande : 4 — code public : 512DC758EE0B

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.825896', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (5, 'famille.fictif@exemple.fr', 'Demande d’inscription reçue — Inès, Mercredis — 2026-2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Inès (Mercredis — 2026-2027) :

- mercredi 9 décembre 2026, matin : Éveil et jeux (ALSH de Verfeil) — place réservée
- mercredi 16 décembre 2026, matin : Éveil et jeux (ALSH de Verfeil) — place réservée

Les places sont réservées ; le secrétariat va vérifier votre dossier et valider l’inscription. Vous recevrez un e-mail de confirmation.

Numéro de la demande : 5 — code public : B4ED6FA7C325

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.8363', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (6, 'famille.demo-martin@exemple.fr', 'Demande d’inscription reçue — Noah, Mercredis — 2026-2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Noah (Mercredis — 2026-2027) :

- mercredi 9 décembre 2026, journée : Sports collectifs (ALSH de Verfeil) — liste d’attente, rang 1

Certaines séances sont complètes : votre demande est en liste d’attente. Vous serez prévenu par e-mail si une place se libère.

Numéro de la demande : 6 — code public : B42D32A61994

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.840224', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (7, 'famille.demo-martin@exemple.fr', 'Demande d’inscription reçue — Noah, Vacances d’hiver 2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Noah (Vacances d’hiver 2027) :

- vendredi 1er janvier 2027, journée : Ateliers nature (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)
- lundi 4 janvier 2027, journée : Sports collectifs (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)
- mardi 5 janvier 2027, journée : Ateliers nature (ALSH de Verfeil) — demande enregistrée (attribution à la clôture)

Les demandes sont recueillies jusqu’au jeudi 10 décembre 2026 à 12 h ; les places seront alors attribuées selon les critères de priorité publiés, puis par tirage au sort en cas d’égalité. Vous recevrez le résultat par e-mail.

Numéro de la demande : 7 — code public : 08063445E6DE

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.846282', NULL, 0, NULL, NULL, NULL);
INSERT INTO public.mail_queue VALUES (8, 'famille.essai@exemple.fr', 'Demande d’inscription reçue — Jade, Mercredis — 2026-2027', 'Bonjour,

Nous avons bien reçu votre demande d’inscription pour Jade (Mercredis — 2026-2027) :

- mercredi 9 décembre 2026, journée : Sports collectifs (ALSH de Verfeil) — liste d’attente, rang 2

Certaines séances sont complètes : votre demande est en liste d’attente. Vous serez prévenu par e-mail si une place se libère.

Numéro de la demande : 8 — code public : F0ABBAAE14B8

Le secrétariat des centres de loisirs
', '2026-12-04 18:38:45.852243', NULL, 0, NULL, NULL, NULL);

INSERT INTO public.mairies VALUES ('31049', 'Mairie - Bazus', 'demo-mairie-31049', '[{"kind": "Adresse", "lines": ["1 place de la Mairie", "31380 Bazus"], "latitude": null, "longitude": null, "accessibility": ""}]', '[{"number": "05 36 49 00 10", "uri": "tel:+33536490010", "description": ""}]', '["accueil@mairie-bazus.example"]', '[{"url": "https://www.bazus.example", "label": "Site de la mairie de Bazus"}]', '[{"day_start": "lundi", "day_end": "vendredi", "slots": [["08:30", "12:00"], ["13:30", "17:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.503451');
INSERT INTO public.mairies VALUES ('31074', 'Mairie - Bonrepos-Riquet', 'demo-mairie-31074', '[{"kind": "Adresse", "lines": ["2 rue de l\u2019Exemple", "31590 Bonrepos-Riquet"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 11", "uri": "tel:+33536490011", "description": ""}]', '["accueil@mairie-bonrepos-riquet.example"]', '[{"url": "https://www.bonrepos-riquet.example", "label": "Site de la mairie de Bonrepos-Riquet"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "mardi", "day_end": "jeudi", "slots": [["09:00", "12:00"], ["14:00", "18:00"]], "comment": ""}, {"day_start": "samedi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": "Permanence des \u00e9lus le premier samedi du mois"}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.518933');
INSERT INTO public.mairies VALUES ('31212', 'Mairie - Garidech', 'demo-mairie-31212', '[{"kind": "Adresse", "lines": ["4 place du Village", "31380 Garidech"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 12", "uri": "tel:+33536490012", "description": ""}]', '["accueil@mairie-garidech.example"]', '[{"url": "https://www.garidech.example", "label": "Site de la mairie de Garidech"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["14:00", "18:00"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "vendredi", "day_end": "", "slots": [["14:00", "18:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.536198');
INSERT INTO public.mairies VALUES ('31215', 'Mairie - Gauré', 'demo-mairie-31215', '[{"kind": "Adresse", "lines": ["10 all\u00e9e Fictive", "31590 Gaur\u00e9"], "latitude": null, "longitude": null, "accessibility": ""}]', '[{"number": "05 36 49 00 13", "uri": "tel:+33536490013", "description": ""}]', '["accueil@mairie-gaure.example"]', '[{"url": "https://www.gaure.example", "label": "Site de la mairie de Gaur\u00e9"}]', '[{"day_start": "mardi", "day_end": "vendredi", "slots": [["08:30", "12:30"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["14:00", "17:00"]], "comment": "Uniquement pendant les vacances scolaires"}, {"day_start": "samedi", "day_end": "", "slots": [["10:00", "12:00"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.54599');
INSERT INTO public.mairies VALUES ('31216', 'Mairie - Gémil', 'demo-mairie-31216', '[{"kind": "Adresse", "lines": ["3 rue des D\u00e9monstrations", "31380 G\u00e9mil"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 14", "uri": "tel:+33536490014", "description": ""}]', '["accueil@mairie-gemil.example"]', '[{"url": "https://www.gemil.example", "label": "Site de la mairie de G\u00e9mil"}]', '[{"day_start": "lundi", "day_end": "vendredi", "slots": [["08:30", "12:00"], ["13:30", "17:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.55527');
INSERT INTO public.mairies VALUES ('31228', 'Mairie - Gragnague', 'demo-mairie-31228', '[{"kind": "Adresse", "lines": ["1 place de l\u2019\u00c9glise", "31380 Gragnague"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 15", "uri": "tel:+33536490015", "description": ""}]', '["accueil@mairie-gragnague.example"]', '[{"url": "https://www.gragnague.example", "label": "Site de la mairie de Gragnague"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "mardi", "day_end": "jeudi", "slots": [["09:00", "12:00"], ["14:00", "18:00"]], "comment": ""}, {"day_start": "samedi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": "Permanence des \u00e9lus le premier samedi du mois"}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.56732');
INSERT INTO public.mairies VALUES ('31273', 'Mairie - Lapeyrouse-Fossat', 'demo-mairie-31273', '[{"kind": "Adresse", "lines": ["6 chemin de la Mairie", "31180 Lapeyrouse-Fossat"], "latitude": null, "longitude": null, "accessibility": ""}]', '[{"number": "05 36 49 00 16", "uri": "tel:+33536490016", "description": ""}]', '["accueil@mairie-lapeyrouse-fossat.example"]', '[{"url": "https://www.lapeyrouse-fossat.example", "label": "Site de la mairie de Lapeyrouse-Fossat"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["14:00", "18:00"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "vendredi", "day_end": "", "slots": [["14:00", "18:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.583012');
INSERT INTO public.mairies VALUES ('31285', 'Mairie - Lavalette', 'demo-mairie-31285', '[{"kind": "Adresse", "lines": ["5 rue du Mod\u00e8le", "31590 Lavalette"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 17", "uri": "tel:+33536490017", "description": ""}]', '["accueil@mairie-lavalette.example"]', '[{"url": "https://www.lavalette.example", "label": "Site de la mairie de Lavalette"}]', '[{"day_start": "mardi", "day_end": "vendredi", "slots": [["08:30", "12:30"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["14:00", "17:00"]], "comment": "Uniquement pendant les vacances scolaires"}, {"day_start": "samedi", "day_end": "", "slots": [["10:00", "12:00"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.603182');
INSERT INTO public.mairies VALUES ('31358', 'Mairie - Montastruc-la-Conseillère', 'demo-mairie-31358', '[{"kind": "Adresse", "lines": ["1 place de la Mairie", "31380 Montastruc-la-Conseill\u00e8re"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 18", "uri": "tel:+33536490018", "description": ""}]', '["accueil@mairie-montastruc-la-conseillere.example"]', '[{"url": "https://www.montastruc-la-conseillere.example", "label": "Site de la mairie de Montastruc-la-Conseill\u00e8re"}]', '[{"day_start": "lundi", "day_end": "vendredi", "slots": [["08:30", "12:00"], ["13:30", "17:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.615778');
INSERT INTO public.mairies VALUES ('31383', 'Mairie - Montjoire', 'demo-mairie-31383', '[{"kind": "Adresse", "lines": ["2 rue de l\u2019Exemple", "31380 Montjoire"], "latitude": null, "longitude": null, "accessibility": ""}]', '[{"number": "05 36 49 00 19", "uri": "tel:+33536490019", "description": ""}]', '["accueil@mairie-montjoire.example"]', '[{"url": "https://www.montjoire.example", "label": "Site de la mairie de Montjoire"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "mardi", "day_end": "jeudi", "slots": [["09:00", "12:00"], ["14:00", "18:00"]], "comment": ""}, {"day_start": "samedi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": "Permanence des \u00e9lus le premier samedi du mois"}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.634875');
INSERT INTO public.mairies VALUES ('31388', 'Mairie - Montpitol', 'demo-mairie-31388', '[{"kind": "Adresse", "lines": ["4 place du Village", "31380 Montpitol"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 20", "uri": "tel:+33536490020", "description": ""}]', '["accueil@mairie-montpitol.example"]', '[{"url": "https://www.montpitol.example", "label": "Site de la mairie de Montpitol"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["14:00", "18:00"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "vendredi", "day_end": "", "slots": [["14:00", "18:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.641104');
INSERT INTO public.mairies VALUES ('31459', 'Mairie - Roquesérière', 'demo-mairie-31459', '[{"kind": "Adresse", "lines": ["3 rue des D\u00e9monstrations", "31380 Roques\u00e9ri\u00e8re"], "latitude": null, "longitude": null, "accessibility": ""}]', '[{"number": "05 36 49 00 22", "uri": "tel:+33536490022", "description": ""}]', '["accueil@mairie-roqueseriere.example"]', '[{"url": "https://www.roqueseriere.example", "label": "Site de la mairie de Roques\u00e9ri\u00e8re"}]', '[{"day_start": "lundi", "day_end": "vendredi", "slots": [["08:30", "12:00"], ["13:30", "17:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.681746');
INSERT INTO public.mairies VALUES ('31501', 'Mairie - Saint-Marcel-Paulel', 'demo-mairie-31501', '[{"kind": "Adresse", "lines": ["6 chemin de la Mairie", "31590 Saint-Marcel-Paulel"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 24", "uri": "tel:+33536490024", "description": ""}]', '["accueil@mairie-saint-marcel-paulel.example"]', '[{"url": "https://www.saint-marcel-paulel.example", "label": "Site de la mairie de Saint-Marcel-Paulel"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["14:00", "18:00"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "vendredi", "day_end": "", "slots": [["14:00", "18:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.719691');
INSERT INTO public.mairies VALUES ('31573', 'Mairie - Verfeil', 'demo-mairie-31573', '[{"kind": "Adresse", "lines": ["1 place de la Mairie", "31590 Verfeil"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 26", "uri": "tel:+33536490026", "description": ""}]', '["accueil@mairie-verfeil.example"]', '[{"url": "https://www.verfeil.example", "label": "Site de la mairie de Verfeil"}]', '[{"day_start": "lundi", "day_end": "vendredi", "slots": [["08:30", "12:00"], ["13:30", "17:30"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.757749');
INSERT INTO public.mairies VALUES ('31407', 'Mairie - Paulhac', 'demo-mairie-31407', '[{"kind": "Adresse", "lines": ["10 all\u00e9e Fictive", "31380 Paulhac"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 21", "uri": "tel:+33536490021", "description": ""}]', '["accueil@mairie-paulhac.example"]', '[{"url": "https://www.paulhac.example", "label": "Site de la mairie de Paulhac"}]', '[{"day_start": "mardi", "day_end": "vendredi", "slots": [["08:30", "12:30"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["14:00", "17:00"]], "comment": "Uniquement pendant les vacances scolaires"}, {"day_start": "samedi", "day_end": "", "slots": [["10:00", "12:00"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.668677');
INSERT INTO public.mairies VALUES ('31489', 'Mairie - Saint-Jean-Lherm', 'demo-mairie-31489', '[{"kind": "Adresse", "lines": ["1 place de l\u2019\u00c9glise", "31380 Saint-Jean-Lherm"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 23", "uri": "tel:+33536490023", "description": ""}]', '["accueil@mairie-saint-jean-lherm.example"]', '[{"url": "https://www.saint-jean-lherm.example", "label": "Site de la mairie de Saint-Jean-Lherm"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "mardi", "day_end": "jeudi", "slots": [["09:00", "12:00"], ["14:00", "18:00"]], "comment": ""}, {"day_start": "samedi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": "Permanence des \u00e9lus le premier samedi du mois"}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.707691');
INSERT INTO public.mairies VALUES ('31511', 'Mairie - Saint-Pierre', 'demo-mairie-31511', '[{"kind": "Adresse", "lines": ["5 rue du Mod\u00e8le", "31590 Saint-Pierre"], "latitude": null, "longitude": null, "accessibility": ""}]', '[{"number": "05 36 49 00 25", "uri": "tel:+33536490025", "description": ""}]', '["accueil@mairie-saint-pierre.example"]', '[{"url": "https://www.saint-pierre.example", "label": "Site de la mairie de Saint-Pierre"}]', '[{"day_start": "mardi", "day_end": "vendredi", "slots": [["08:30", "12:30"]], "comment": ""}, {"day_start": "mercredi", "day_end": "", "slots": [["14:00", "17:00"]], "comment": "Uniquement pendant les vacances scolaires"}, {"day_start": "samedi", "day_end": "", "slots": [["10:00", "12:00"]], "comment": ""}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.746548');
INSERT INTO public.mairies VALUES ('31579', 'Mairie - Villariès', 'demo-mairie-31579', '[{"kind": "Adresse", "lines": ["2 rue de l\u2019Exemple", "31380 Villari\u00e8s"], "latitude": null, "longitude": null, "accessibility": "Entr\u00e9e de plain-pied, place de stationnement r\u00e9serv\u00e9e."}]', '[{"number": "05 36 49 00 27", "uri": "tel:+33536490027", "description": ""}]', '["accueil@mairie-villaries.example"]', '[{"url": "https://www.villaries.example", "label": "Site de la mairie de Villari\u00e8s"}]', '[{"day_start": "lundi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": ""}, {"day_start": "mardi", "day_end": "jeudi", "slots": [["09:00", "12:00"], ["14:00", "18:00"]], "comment": ""}, {"day_start": "samedi", "day_end": "", "slots": [["09:00", "12:00"]], "comment": "Permanence des \u00e9lus le premier samedi du mois"}]', '15/01/2025 10:00:00', '2026-12-04 18:38:44.776629');

INSERT INTO public.news VALUES (1, 'Accueils de loisirs : les préinscriptions de l’été sont ouvertes', 'Les familles peuvent préinscrire leurs enfants en ligne pour les semaines de juillet et d’août, à toute heure.', 'Les trois accueils de loisirs de la Communauté de communes des Coteaux du Girou ouvrent leurs préinscriptions pour l’été.

## Comment faire

1. Consultez le programme des activités dans la rubrique [Enfance et loisirs](/enfance).
2. Choisissez les jours et l’accueil de loisirs.
3. Validez la préinscription : le secrétariat la confirme par courriel.

Les places sont attribuées dans l’ordre d’arrivée des demandes. *Actualité de démonstration.*', 'accueils de loisirs : les preinscriptions de l''ete sont ouvertes les familles peuvent preinscrire leurs enfants en ligne pour les semaines de juillet et d''aout, a toute heure. les trois accueils de loisirs de la communaute de communes des coteaux du girou ouvrent leurs preinscriptions pour l''ete. comment faire consultez le programme des activites dans la rubrique enfance et loisirs. choisissez les jours et l''accueil de loisirs. validez la preinscription : le secretariat la confirme par courriel. les places sont attribuees dans l''ordre d''arrivee des demandes. actualite de demonstration.', '2026-12-02 18:38:45.032888', '2026-12-04 18:38:45.032907', 'karine.fictive');
INSERT INTO public.news VALUES (2, 'Conseil communautaire : compte rendu de la séance de printemps', 'Budget, équipements sportifs et aménagement numérique : les principales décisions du dernier conseil.', 'Le conseil communautaire s’est réuni en séance publique.

## Principales décisions

- Adoption du budget primitif
- Lancement de l’étude d’un nouvel équipement sportif intercommunal
- Poursuite du raccordement des écoles à la fibre

Les délibérations sont consultables dans la rubrique [Publications](/publications). *Actualité de démonstration.*', 'conseil communautaire : compte rendu de la seance de printemps budget, equipements sportifs et amenagement numerique : les principales decisions du dernier conseil. le conseil communautaire s''est reuni en seance publique. principales decisions adoption du budget primitif lancement de l''etude d''un nouvel equipement sportif intercommunal poursuite du raccordement des ecoles a la fibre les deliberations sont consultables dans la rubrique publications. actualite de demonstration.', '2026-11-25 18:38:45.040502', '2026-12-04 18:38:45.040519', 'karine.fictive');
INSERT INTO public.news VALUES (3, 'Urbanisme : la carte interactive du plan local d’urbanisme est en ligne', 'Zonage, prescriptions et informations utiles : consultez en ligne les règles qui s’appliquent à une parcelle.', 'La carte interactive permet de rechercher une adresse ou une parcelle et d’afficher le zonage du plan local d’urbanisme, les prescriptions et les informations utiles.

Les informations d’une parcelle sont aussi données sous forme de texte, pour être lues sans la carte.

Rendez-vous dans la rubrique [Carte et urbanisme](/carte). *Actualité de démonstration.*', 'urbanisme : la carte interactive du plan local d''urbanisme est en ligne zonage, prescriptions et informations utiles : consultez en ligne les regles qui s''appliquent a une parcelle. la carte interactive permet de rechercher une adresse ou une parcelle et d''afficher le zonage du plan local d''urbanisme, les prescriptions et les informations utiles. les informations d''une parcelle sont aussi donnees sous forme de texte, pour etre lues sans la carte. rendez-vous dans la rubrique carte et urbanisme. actualite de demonstration.', '2026-11-18 18:38:45.041551', '2026-12-04 18:38:45.041567', 'karine.fictive');
INSERT INTO public.news VALUES (4, 'Associations et entreprises : inscrivez-vous dans l’annuaire', 'Un annuaire des associations et des entreprises du territoire, enrichi par vos propositions.', 'Vous animez une association ou dirigez une entreprise installée dans l’une des communes ? Proposez votre fiche dans l’[annuaire](/annuaire) : elle sera publiée après vérification par nos services.

*Actualité de démonstration.*', 'associations et entreprises : inscrivez-vous dans l''annuaire un annuaire des associations et des entreprises du territoire, enrichi par vos propositions. vous animez une association ou dirigez une entreprise installee dans l''une des communes ? proposez votre fiche dans l''annuaire : elle sera publiee apres verification par nos services. actualite de demonstration.', '2026-11-04 18:38:45.04643', '2026-12-04 18:38:45.046446', 'karine.fictive');

INSERT INTO public.outbox VALUES (1, 'childcare.request', 'secretariat', '{"id": 1, "code": "5826A63C9B4E", "family": "Exemple-Garcia", "resident": true, "child_age": 7, "status": "pending", "mode": "first_come", "period": "Mercredis \u2014 2026-2027", "period_kind": "Mercredis", "allocation_at": null, "centres": ["ALSH de Verfeil"], "sessions": [{"id": 62, "date": "2026-12-09", "when": "mercredi 9 d\u00e9cembre 2026, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "held", "rank": null}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:1', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.80211', NULL);
INSERT INTO public.outbox VALUES (2, 'childcare.request', 'secretariat', '{"id": 2, "code": "8A13E85EE9F2", "family": "Exemple-Garcia", "resident": true, "child_age": 7, "status": "pending", "mode": "window", "period": "Vacances d\u2019hiver 2027", "period_kind": "Vacances d\u2019hiver", "allocation_at": "jeudi 10 d\u00e9cembre 2026 \u00e0 12 h", "centres": ["ALSH de Verfeil"], "sessions": [{"id": 212, "date": "2027-01-01", "when": "vendredi 1er janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Ateliers nature", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}, {"id": 214, "date": "2027-01-04", "when": "lundi 4 janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}, {"id": 217, "date": "2027-01-05", "when": "mardi 5 janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Ateliers nature", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:2', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.816002', NULL);
INSERT INTO public.outbox VALUES (3, 'childcare.request', 'secretariat', '{"id": 3, "code": "0523EBD6A5DD", "family": "Exemple-Garcia", "resident": true, "child_age": 9, "status": "pending", "mode": "first_come", "period": "Mercredis \u2014 2026-2027", "period_kind": "Mercredis", "allocation_at": null, "centres": ["ALSH de Verfeil"], "sessions": [{"id": 62, "date": "2026-12-09", "when": "mercredi 9 d\u00e9cembre 2026, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "held", "rank": null}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:3', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.819945', NULL);
INSERT INTO public.outbox VALUES (4, 'childcare.request', 'secretariat', '{"id": 4, "code": "512DC758EE0B", "family": "Exemple-Garcia", "resident": true, "child_age": 9, "status": "pending", "mode": "window", "period": "Vacances d\u2019hiver 2027", "period_kind": "Vacances d\u2019hiver", "allocation_at": "jeudi 10 d\u00e9cembre 2026 \u00e0 12 h", "centres": ["ALSH de Verfeil"], "sessions": [{"id": 212, "date": "2027-01-01", "when": "vendredi 1er janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Ateliers nature", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}, {"id": 214, "date": "2027-01-04", "when": "lundi 4 janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}, {"id": 217, "date": "2027-01-05", "when": "mardi 5 janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Ateliers nature", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:4', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.825532', NULL);
INSERT INTO public.outbox VALUES (5, 'childcare.request', 'secretariat', '{"id": 5, "code": "B4ED6FA7C325", "family": "Fictif", "resident": true, "child_age": 4, "status": "pending", "mode": "first_come", "period": "Mercredis \u2014 2026-2027", "period_kind": "Mercredis", "allocation_at": null, "centres": ["ALSH de Verfeil"], "sessions": [{"id": 61, "date": "2026-12-09", "when": "mercredi 9 d\u00e9cembre 2026, matin", "slot": "matin", "activity": "\u00c9veil et jeux", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "held", "rank": null}, {"id": 66, "date": "2026-12-16", "when": "mercredi 16 d\u00e9cembre 2026, matin", "slot": "matin", "activity": "\u00c9veil et jeux", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "held", "rank": null}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:5', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.835945', NULL);
INSERT INTO public.outbox VALUES (6, 'childcare.request', 'secretariat', '{"id": 6, "code": "B42D32A61994", "family": "D\u00e9mo-Martin", "resident": true, "child_age": 8, "status": "waitlisted", "mode": "first_come", "period": "Mercredis \u2014 2026-2027", "period_kind": "Mercredis", "allocation_at": null, "centres": ["ALSH de Verfeil"], "sessions": [{"id": 62, "date": "2026-12-09", "when": "mercredi 9 d\u00e9cembre 2026, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "waiting", "rank": 1}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:6', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.839855', NULL);
INSERT INTO public.outbox VALUES (7, 'childcare.request', 'secretariat', '{"id": 7, "code": "08063445E6DE", "family": "D\u00e9mo-Martin", "resident": true, "child_age": 8, "status": "pending", "mode": "window", "period": "Vacances d\u2019hiver 2027", "period_kind": "Vacances d\u2019hiver", "allocation_at": "jeudi 10 d\u00e9cembre 2026 \u00e0 12 h", "centres": ["ALSH de Verfeil"], "sessions": [{"id": 212, "date": "2027-01-01", "when": "vendredi 1er janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Ateliers nature", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}, {"id": 214, "date": "2027-01-04", "when": "lundi 4 janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}, {"id": 217, "date": "2027-01-05", "when": "mardi 5 janvier 2027, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Ateliers nature", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "requested", "rank": null}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:7', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.845898', NULL);
INSERT INTO public.outbox VALUES (8, 'childcare.request', 'secretariat', '{"id": 8, "code": "F0ABBAAE14B8", "family": "Essai", "resident": false, "child_age": 10, "status": "waitlisted", "mode": "first_come", "period": "Mercredis \u2014 2026-2027", "period_kind": "Mercredis", "allocation_at": null, "centres": ["ALSH de Verfeil"], "sessions": [{"id": 62, "date": "2026-12-09", "when": "mercredi 9 d\u00e9cembre 2026, journ\u00e9e", "slot": "journ\u00e9e", "activity": "Sports collectifs", "centre": "ALSH de Verfeil", "centre_key": "alsh-verfeil", "state": "waiting", "rank": 2}], "missing": ["justificatif de quotient familial (CAF ou MSA) manquant(e)", "attestation d\u2019assurance (responsabilit\u00e9 civile, activit\u00e9s extrascolaires) manquant(e)", "pages de vaccination du carnet de sant\u00e9 manquant(e)"]}', 'childcare.request:8', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:45.851542', NULL);
INSERT INTO public.outbox VALUES (9, 'gis.version', 'instance:urbanisme', '{"layer": "communes", "layer_title": "Communes", "item_words": ["commune", "communes"], "version_id": 1, "number": 1, "idurba": [], "documents": [], "communes": [], "added": 18, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=1"}', 'gis:version:1', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:48.109313', NULL);
INSERT INTO public.outbox VALUES (10, 'gis.version', 'instance:urbanisme', '{"layer": "plu_zones", "layer_title": "PLU \u2013 zones", "item_words": ["zone", "zones"], "version_id": 2, "number": 1, "idurba": ["31049_PLU_20151015", "31074_PLU_20220315", "31212_PLU_20140715", "31215_PLU_20161015", "31216_PLU_20170715", "31228_PLU_20200715", "31273_PLU_20160415", "31285_PLU_20170415", "31358_PLU_20201015", "31383_PLU_20180615", "31388_PLU_20170615", "31407_PLU_20160215", "31459_PLU_20160315", "31489_PLU_20170715", "31501_PLU_20161215", "31511_PLU_20140615", "31573_PLU_20200815", "31579_PLU_20200515"], "documents": ["PLU de Bazus", "PLU de Bonrepos-Riquet", "PLU de Garidech", "PLU de Gaur\u00e9", "PLU de G\u00e9mil", "PLU de Gragnague", "PLU de Lapeyrouse-Fossat", "PLU de Lavalette", "PLU de Montastruc-la-Conseill\u00e8re", "PLU de Montjoire", "PLU de Montpitol", "PLU de Paulhac", "PLU de Roques\u00e9ri\u00e8re", "PLU de Saint-Jean-Lherm", "PLU de Saint-Marcel-Paulel", "PLU de Saint-Pierre", "PLU de Verfeil", "PLU de Villari\u00e8s"], "communes": ["Bazus", "Bonrepos-Riquet", "Garidech", "Gaur\u00e9", "G\u00e9mil", "Gragnague", "Lapeyrouse-Fossat", "Lavalette", "Montastruc-la-Conseill\u00e8re", "Montjoire", "Montpitol", "Paulhac", "Roques\u00e9ri\u00e8re", "Saint-Jean-Lherm", "Saint-Marcel-Paulel", "Saint-Pierre", "Verfeil", "Villari\u00e8s"], "added": 107, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=2"}', 'gis:version:2', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:48.137864', NULL);
INSERT INTO public.outbox VALUES (11, 'gis.version', 'instance:urbanisme', '{"layer": "plu_prescriptions", "layer_title": "PLU \u2013 prescriptions", "item_words": ["prescription", "prescriptions"], "version_id": 3, "number": 1, "idurba": ["31049_PLU_20151015", "31074_PLU_20220315", "31212_PLU_20140715", "31215_PLU_20161015", "31216_PLU_20170715", "31228_PLU_20200715", "31273_PLU_20160415", "31285_PLU_20170415", "31358_PLU_20201015", "31383_PLU_20180615", "31388_PLU_20170615", "31407_PLU_20160215", "31459_PLU_20160315", "31489_PLU_20170715", "31501_PLU_20161215", "31511_PLU_20140615", "31573_PLU_20200815", "31579_PLU_20200515"], "documents": ["PLU de Bazus", "PLU de Bonrepos-Riquet", "PLU de Garidech", "PLU de Gaur\u00e9", "PLU de G\u00e9mil", "PLU de Gragnague", "PLU de Lapeyrouse-Fossat", "PLU de Lavalette", "PLU de Montastruc-la-Conseill\u00e8re", "PLU de Montjoire", "PLU de Montpitol", "PLU de Paulhac", "PLU de Roques\u00e9ri\u00e8re", "PLU de Saint-Jean-Lherm", "PLU de Saint-Marcel-Paulel", "PLU de Saint-Pierre", "PLU de Verfeil", "PLU de Villari\u00e8s"], "communes": ["Bazus", "Bonrepos-Riquet", "Garidech", "Gaur\u00e9", "G\u00e9mil", "Gragnague", "Lapeyrouse-Fossat", "Lavalette", "Montastruc-la-Conseill\u00e8re", "Montjoire", "Montpitol", "Paulhac", "Roques\u00e9ri\u00e8re", "Saint-Jean-Lherm", "Saint-Marcel-Paulel", "Saint-Pierre", "Verfeil", "Villari\u00e8s"], "added": 70, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=3"}', 'gis:version:3', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:48.146948', NULL);
INSERT INTO public.outbox VALUES (12, 'gis.version', 'instance:urbanisme', '{"layer": "plu_informations", "layer_title": "PLU \u2013 informations", "item_words": ["information", "informations"], "version_id": 4, "number": 1, "idurba": ["31049_PLU_20151015", "31074_PLU_20220315", "31212_PLU_20140715", "31215_PLU_20161015", "31216_PLU_20170715", "31228_PLU_20200715", "31273_PLU_20160415", "31285_PLU_20170415", "31358_PLU_20201015", "31383_PLU_20180615", "31388_PLU_20170615", "31407_PLU_20160215", "31459_PLU_20160315", "31489_PLU_20170715", "31501_PLU_20161215", "31511_PLU_20140615", "31573_PLU_20200815", "31579_PLU_20200515"], "documents": ["PLU de Bazus", "PLU de Bonrepos-Riquet", "PLU de Garidech", "PLU de Gaur\u00e9", "PLU de G\u00e9mil", "PLU de Gragnague", "PLU de Lapeyrouse-Fossat", "PLU de Lavalette", "PLU de Montastruc-la-Conseill\u00e8re", "PLU de Montjoire", "PLU de Montpitol", "PLU de Paulhac", "PLU de Roques\u00e9ri\u00e8re", "PLU de Saint-Jean-Lherm", "PLU de Saint-Marcel-Paulel", "PLU de Saint-Pierre", "PLU de Verfeil", "PLU de Villari\u00e8s"], "communes": ["Bazus", "Bonrepos-Riquet", "Garidech", "Gaur\u00e9", "G\u00e9mil", "Gragnague", "Lapeyrouse-Fossat", "Lavalette", "Montastruc-la-Conseill\u00e8re", "Montjoire", "Montpitol", "Paulhac", "Roques\u00e9ri\u00e8re", "Saint-Jean-Lherm", "Saint-Marcel-Paulel", "Saint-Pierre", "Verfeil", "Villari\u00e8s"], "added": 18, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=4"}', 'gis:version:4', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:48.166123', NULL);
INSERT INTO public.outbox VALUES (13, 'gis.version', 'instance:urbanisme', '{"layer": "parcels", "layer_title": "Parcelles cadastrales", "item_words": ["parcelle", "parcelles"], "version_id": 5, "number": 1, "idurba": [], "documents": [], "communes": ["Bazus", "Bonrepos-Riquet", "Garidech", "Gaur\u00e9", "G\u00e9mil", "Gragnague", "Lapeyrouse-Fossat", "Lavalette", "Montastruc-la-Conseill\u00e8re", "Montjoire", "Montpitol", "Paulhac", "Roques\u00e9ri\u00e8re", "Saint-Jean-Lherm", "Saint-Marcel-Paulel", "Saint-Pierre", "Verfeil", "Villari\u00e8s"], "added": 16540, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=5"}', 'gis:version:5', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:49.981231', NULL);
INSERT INTO public.outbox VALUES (14, 'gis.version', 'instance:urbanisme', '{"layer": "addresses", "layer_title": "Adresses (BAN)", "item_words": ["adresse", "adresses"], "version_id": 6, "number": 1, "idurba": [], "documents": [], "communes": ["Bazus", "Bonrepos-Riquet", "Garidech", "Gaur\u00e9", "G\u00e9mil", "Gragnague", "Lapeyrouse-Fossat", "Lavalette", "Montastruc-la-Conseill\u00e8re", "Montjoire", "Montpitol", "Paulhac", "Roques\u00e9ri\u00e8re", "Saint-Jean-Lherm", "Saint-Marcel-Paulel", "Saint-Pierre", "Verfeil", "Villari\u00e8s"], "added": 6135, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=6"}', 'gis:version:6', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:50.748601', NULL);
INSERT INTO public.outbox VALUES (15, 'gis.version', 'instance:urbanisme', '{"layer": "poi", "layer_title": "Points d''int\u00e9r\u00eat", "item_words": ["point d''int\u00e9r\u00eat", "points d''int\u00e9r\u00eat"], "version_id": 7, "number": 1, "idurba": [], "documents": [], "communes": [], "added": 21, "removed": 0, "changed": 0, "parcels_changing_zone": 0, "zone_transitions": {}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=7"}', 'gis:version:7', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:50.772533', NULL);
INSERT INTO public.outbox VALUES (16, 'gis.version', 'instance:urbanisme', '{"layer": "plu_zones", "layer_title": "PLU \u2013 zones", "item_words": ["zone", "zones"], "version_id": 8, "number": 2, "idurba": ["31212_PLU_20260301"], "documents": ["PLU de Garidech"], "communes": ["Garidech"], "added": 0, "removed": 0, "changed": 2, "parcels_changing_zone": 66, "zone_transitions": {"AUc \u2192 U": 35, "AUs \u2192 AUc": 31}, "by": "d\u00e9mo", "demo": true, "url": "http://127.0.0.1:8000/carte?version=8"}', 'gis:version:8', 'pending', 0, NULL, NULL, NULL, NULL, '2026-12-04 18:38:51.217918', NULL);

SELECT pg_catalog.setval('public.childcare_activities_id_seq', 15, true);

SELECT pg_catalog.setval('public.childcare_allocations_id_seq', 1, false);

SELECT pg_catalog.setval('public.childcare_api_tokens_id_seq', 1, false);

SELECT pg_catalog.setval('public.childcare_children_id_seq', 5, true);

SELECT pg_catalog.setval('public.childcare_documents_id_seq', 1, false);

SELECT pg_catalog.setval('public.childcare_families_id_seq', 4, true);

SELECT pg_catalog.setval('public.childcare_periods_id_seq', 5, true);

SELECT pg_catalog.setval('public.childcare_prices_id_seq', 8, true);

SELECT pg_catalog.setval('public.childcare_refusal_prompts_id_seq', 1, false);

SELECT pg_catalog.setval('public.childcare_registration_sessions_id_seq', 15, true);

SELECT pg_catalog.setval('public.childcare_registrations_id_seq', 8, true);

SELECT pg_catalog.setval('public.childcare_sessions_id_seq', 465, true);

SELECT pg_catalog.setval('public.dila_sheets_pk_seq', 6, true);

SELECT pg_catalog.setval('public.directory_entries_id_seq', 40, true);

SELECT pg_catalog.setval('public.directory_submissions_id_seq', 1, false);

SELECT pg_catalog.setval('public.gis_features_id_seq', 23016, true);

SELECT pg_catalog.setval('public.gis_layer_versions_id_seq', 8, true);

SELECT pg_catalog.setval('public.hook_tokens_id_seq', 1, false);

SELECT pg_catalog.setval('public.mail_queue_id_seq', 8, true);

SELECT pg_catalog.setval('public.news_id_seq', 4, true);

SELECT pg_catalog.setval('public.outbox_id_seq', 16, true);

ALTER TABLE ONLY public.bot_processed_events
    ADD CONSTRAINT bot_processed_events_pkey PRIMARY KEY (event_id);

ALTER TABLE ONLY public.bot_state
    ADD CONSTRAINT bot_state_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.childcare_activities
    ADD CONSTRAINT childcare_activities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_allocations
    ADD CONSTRAINT childcare_allocations_period_id_key UNIQUE (period_id);

ALTER TABLE ONLY public.childcare_allocations
    ADD CONSTRAINT childcare_allocations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_api_tokens
    ADD CONSTRAINT childcare_api_tokens_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_api_tokens
    ADD CONSTRAINT childcare_api_tokens_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY public.childcare_centres
    ADD CONSTRAINT childcare_centres_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.childcare_children
    ADD CONSTRAINT childcare_children_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_documents
    ADD CONSTRAINT childcare_documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_families
    ADD CONSTRAINT childcare_families_email_key UNIQUE (email);

ALTER TABLE ONLY public.childcare_families
    ADD CONSTRAINT childcare_families_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_periods
    ADD CONSTRAINT childcare_periods_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_periods
    ADD CONSTRAINT childcare_periods_slug_key UNIQUE (slug);

ALTER TABLE ONLY public.childcare_prices
    ADD CONSTRAINT childcare_prices_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_refusal_prompts
    ADD CONSTRAINT childcare_refusal_prompts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_registration_sessions
    ADD CONSTRAINT childcare_registration_sessions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_registrations
    ADD CONSTRAINT childcare_registrations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.childcare_registrations
    ADD CONSTRAINT childcare_registrations_public_code_key UNIQUE (public_code);

ALTER TABLE ONLY public.childcare_sessions
    ADD CONSTRAINT childcare_sessions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.component_health
    ADD CONSTRAINT component_health_pkey PRIMARY KEY (component);

ALTER TABLE ONLY public.content_pages
    ADD CONSTRAINT content_pages_pkey PRIMARY KEY (slug);

ALTER TABLE ONLY public.dila_sheets
    ADD CONSTRAINT dila_sheets_id_key UNIQUE (id);

ALTER TABLE ONLY public.dila_sheets
    ADD CONSTRAINT dila_sheets_pkey PRIMARY KEY (pk);

ALTER TABLE ONLY public.dila_sources
    ADD CONSTRAINT dila_sources_pkey PRIMARY KEY (source);

ALTER TABLE ONLY public.directory_entries
    ADD CONSTRAINT directory_entries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.directory_submissions
    ADD CONSTRAINT directory_submissions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.gis_features
    ADD CONSTRAINT gis_features_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.gis_layer_versions
    ADD CONSTRAINT gis_layer_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.hook_tokens
    ADD CONSTRAINT hook_tokens_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.hook_tokens
    ADD CONSTRAINT hook_tokens_token_hash_key UNIQUE (token_hash);

ALTER TABLE ONLY public.mail_queue
    ADD CONSTRAINT mail_queue_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.mairies
    ADD CONSTRAINT mairies_pkey PRIMARY KEY (insee);

ALTER TABLE ONLY public.matrix_rooms
    ADD CONSTRAINT matrix_rooms_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.matrix_rooms
    ADD CONSTRAINT matrix_rooms_room_id_key UNIQUE (room_id);

ALTER TABLE ONLY public.news
    ADD CONSTRAINT news_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_source_id_key UNIQUE (source_id);

ALTER TABLE ONLY public.rate_windows
    ADD CONSTRAINT rate_windows_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.source_state
    ADD CONSTRAINT source_state_pkey PRIMARY KEY (key);

ALTER TABLE ONLY public.childcare_registration_sessions
    ADD CONSTRAINT uq_childcare_line UNIQUE (registration_id, session_id);

ALTER TABLE ONLY public.childcare_registrations
    ADD CONSTRAINT uq_childcare_registration_key UNIQUE (family_id, idempotency_key);

ALTER TABLE ONLY public.gis_layer_versions
    ADD CONSTRAINT uq_gis_layer_number UNIQUE (layer, number);

CREATE INDEX ix_childcare_activities_centre_key ON public.childcare_activities USING btree (centre_key);

CREATE INDEX ix_childcare_api_tokens_family_id ON public.childcare_api_tokens USING btree (family_id);

CREATE INDEX ix_childcare_children_family_id ON public.childcare_children USING btree (family_id);

CREATE INDEX ix_childcare_documents_family_id ON public.childcare_documents USING btree (family_id);

CREATE INDEX ix_childcare_lines_waitlist ON public.childcare_registration_sessions USING btree (session_id, status, waitlist_rank);

CREATE INDEX ix_childcare_prices_period_id ON public.childcare_prices USING btree (period_id);

CREATE INDEX ix_childcare_prompts_open ON public.childcare_refusal_prompts USING btree (alert_event_id, secretary);

CREATE INDEX ix_childcare_refusal_prompts_registration_id ON public.childcare_refusal_prompts USING btree (registration_id);

CREATE INDEX ix_childcare_registrations_child_id ON public.childcare_registrations USING btree (child_id);

CREATE INDEX ix_childcare_registrations_family_id ON public.childcare_registrations USING btree (family_id);

CREATE INDEX ix_childcare_registrations_period_status ON public.childcare_registrations USING btree (period_id, status);

CREATE INDEX ix_childcare_sessions_activity_id ON public.childcare_sessions USING btree (activity_id);

CREATE INDEX ix_childcare_sessions_period_date ON public.childcare_sessions USING btree (period_id, date);

CREATE INDEX ix_dila_sheets_browse ON public.dila_sheets USING btree (audience, theme_id, folder_id);

CREATE INDEX ix_dila_sheets_imported_at ON public.dila_sheets USING btree (imported_at);

CREATE INDEX ix_dila_sheets_search ON public.dila_sheets USING gin (search_vector) WITH (fastupdate=off);

CREATE INDEX ix_directory_entries_category ON public.directory_entries USING btree (category, name);

CREATE INDEX ix_directory_entries_commune ON public.directory_entries USING btree (commune, name);

CREATE INDEX ix_directory_entries_facets ON public.directory_entries USING btree (category, commune, kind);

CREATE INDEX ix_directory_entries_name ON public.directory_entries USING btree (name);

CREATE INDEX ix_directory_entries_search ON public.directory_entries USING gin (search_vector) WITH (fastupdate=off);

CREATE INDEX ix_directory_entries_updated_at ON public.directory_entries USING btree (updated_at);

CREATE INDEX ix_directory_submissions_status ON public.directory_submissions USING btree (status, id);

CREATE INDEX ix_gis_features_version_fid ON public.gis_features USING btree (version_id, fid);

CREATE INDEX ix_gis_layer_versions_layer ON public.gis_layer_versions USING btree (layer);

CREATE INDEX ix_news_published_at ON public.news USING btree (published_at);

CREATE INDEX ix_outbox_due ON public.outbox USING btree (status, room_key, id);

CREATE INDEX ix_outbox_event_id ON public.outbox USING btree (event_id);

CREATE UNIQUE INDEX uq_childcare_child_session_active ON public.childcare_registration_sessions USING btree (child_id, session_id) WHERE ((status)::text <> 'released'::text);

ALTER TABLE ONLY public.childcare_activities
    ADD CONSTRAINT childcare_activities_centre_key_fkey FOREIGN KEY (centre_key) REFERENCES public.childcare_centres(key);

ALTER TABLE ONLY public.childcare_allocations
    ADD CONSTRAINT childcare_allocations_period_id_fkey FOREIGN KEY (period_id) REFERENCES public.childcare_periods(id);

ALTER TABLE ONLY public.childcare_api_tokens
    ADD CONSTRAINT childcare_api_tokens_family_id_fkey FOREIGN KEY (family_id) REFERENCES public.childcare_families(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.childcare_children
    ADD CONSTRAINT childcare_children_family_id_fkey FOREIGN KEY (family_id) REFERENCES public.childcare_families(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.childcare_documents
    ADD CONSTRAINT childcare_documents_family_id_fkey FOREIGN KEY (family_id) REFERENCES public.childcare_families(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.childcare_prices
    ADD CONSTRAINT childcare_prices_period_id_fkey FOREIGN KEY (period_id) REFERENCES public.childcare_periods(id);

ALTER TABLE ONLY public.childcare_refusal_prompts
    ADD CONSTRAINT childcare_refusal_prompts_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES public.childcare_registrations(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.childcare_registration_sessions
    ADD CONSTRAINT childcare_registration_sessions_registration_id_fkey FOREIGN KEY (registration_id) REFERENCES public.childcare_registrations(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.childcare_registration_sessions
    ADD CONSTRAINT childcare_registration_sessions_session_id_fkey FOREIGN KEY (session_id) REFERENCES public.childcare_sessions(id);

ALTER TABLE ONLY public.childcare_registrations
    ADD CONSTRAINT childcare_registrations_child_id_fkey FOREIGN KEY (child_id) REFERENCES public.childcare_children(id);

ALTER TABLE ONLY public.childcare_registrations
    ADD CONSTRAINT childcare_registrations_family_id_fkey FOREIGN KEY (family_id) REFERENCES public.childcare_families(id);

ALTER TABLE ONLY public.childcare_registrations
    ADD CONSTRAINT childcare_registrations_period_id_fkey FOREIGN KEY (period_id) REFERENCES public.childcare_periods(id);

ALTER TABLE ONLY public.childcare_sessions
    ADD CONSTRAINT childcare_sessions_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES public.childcare_activities(id);

ALTER TABLE ONLY public.childcare_sessions
    ADD CONSTRAINT childcare_sessions_period_id_fkey FOREIGN KEY (period_id) REFERENCES public.childcare_periods(id);

ALTER TABLE ONLY public.directory_submissions
    ADD CONSTRAINT directory_submissions_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES public.directory_entries(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.gis_features
    ADD CONSTRAINT gis_features_version_id_fkey FOREIGN KEY (version_id) REFERENCES public.gis_layer_versions(id) ON DELETE CASCADE;

