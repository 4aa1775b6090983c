package io.strata.optimizer.calcite;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLJoinTableSource;
import com.alibaba.druid.sql.ast.statement.SQLSelect;
import com.alibaba.druid.sql.ast.statement.SQLSelectItem;
import com.alibaba.druid.sql.ast.statement.SQLSelectQuery;
import com.alibaba.druid.sql.ast.statement.SQLSelectQueryBlock;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUnionQuery;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.strata.optimizer.catalog.CatalogSnapshot;
import io.strata.optimizer.catalog.ColumnType;
import io.strata.optimizer.catalog.TableDef;
import io.strata.optimizer.exec.StatementContext;
import io.strata.optimizer.plan.QueryPlanner;
import io.strata.spi.StrataException;
import io.strata.spi.session.ColumnMeta;
import io.strata.spi.session.QueryResult;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The SQL planner on Apache Calcite. A SELECT arrives as a Druid MySQL AST, is translated to
 * Calcite SqlNodes ({@link DruidTranslator}), validated against a Calcite schema built from the
 * {@link CatalogSnapshot} (case-insensitive names, MySQL conformance, MySQL decimal rules),
 * converted to relational algebra, optimized in three phases — sub-query removal and
 * decorrelation, a heuristic phase that pushes filters into table scans ({@link PushDownRule}),
 * then Calcite's cost-based Volcano planner into the Enumerable convention — and compiled into a
 * {@link Bindable} with Janino.
 *
 * <p>Why Enumerable + Bindable: the generated Java is JIT-compiled, so a cached plan runs at
 * the speed of hand-written iterators, and Strata's own operators (the table scan) plug in as
 * Enumerable rels, the way Calcite's adapters do. Compilation costs tens of milliseconds, which
 * the plan cache pays once per statement shape.
 *
 * <p>Plan cache: keyed by the statement's text (parameters as {@code ?}), the current database,
 * the catalog version, the row-id flavour and the parameter types. Session values (@@vars,
 * @uservars, NOW(), DATABASE()) are read at run time from the statement context; the types of
 * variables are recorded as assumptions and re-checked before a cached plan is reused.
 */
public final class CalciteQueryPlanner implements QueryPlanner {
    private final PlannerConfig config;
    private final MysqlOperators ops = new MysqlOperators();
    private volatile io.strata.optimizer.catalog.TableStatistics statistics = io.strata.optimizer.catalog.TableStatistics.NONE;
    /** What the cached schemas' tables read: whatever statistics are in use at each planning. */
    private final io.strata.optimizer.catalog.TableStatistics currentStatistics = new io.strata.optimizer.catalog.TableStatistics() {
        @Override
        public java.util.OptionalDouble rowCount(TableDef table) {
            return statistics.rowCount(table);
        }

        @Override
        public java.util.OptionalDouble distinctValues(TableDef table, int columnId) {
            return statistics.distinctValues(table, columnId);
        }
    };
    private final SqlOperatorTable operatorTable;
    private final Cache<PlanKey, CompiledQuery> plans;
    private final Cache<PlanKey, CompiledQuery> scalars;
    private final Cache<SchemaKey, Map<String, AbstractSchema>> schemas;
    private final StatementText statementText = new StatementText();

    record PlanKey(String text, String database, long catalogVersion, int flavour, String paramTags, Object extra) {
    }

    private record SchemaKey(long version, boolean rowIds, CatalogSnapshot catalog) {
    }

    private static final int FLAVOUR_QUERY = 0;
    private static final int FLAVOUR_ROW_IDS = 1;
    private static final int FLAVOUR_SCALARS = 2;

    public CalciteQueryPlanner(PlannerConfig config) {
        this.config = requireNonNull(config, "config is null");
        List<org.apache.calcite.sql.SqlOperator> mine = new ArrayList<>(ops.all());
        mine.add(SqlLibraryOperators.GROUP_CONCAT);
        this.operatorTable = SqlOperatorTables.chain(SqlStdOperatorTable.instance(), SqlOperatorTables.of(mine));
        this.plans = Caffeine.newBuilder().maximumSize(config.planCacheSize()).build();
        this.scalars = Caffeine.newBuilder().maximumSize(config.scalarCacheSize()).build();
        this.schemas = Caffeine.newBuilder().maximumSize(8).build();
    }

    @Override
    public void useStatistics(io.strata.optimizer.catalog.TableStatistics newStatistics) {
        this.statistics = java.util.Objects.requireNonNull(newStatistics, "statistics is null");
        invalidatePlans();
    }

    @Override
    public void invalidatePlans() {
        plans.invalidateAll();
    }

    public PlannerConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ QueryPlanner

    @Override
    public QueryResult query(SQLSelect select, StatementContext ctx) {
        return run(select, ctx, false);
    }

    @Override
    public QueryResult queryWithRowIds(SQLSelect select, StatementContext ctx) {
        return run(select, ctx, true);
    }

    /**
     * Runs a query on the plan cached for its shape: the literals it compares columns with are
     * taken out as parameters first ({@link LiteralParameterizer}), so that a text-protocol
     * statement repeated with other values does not compile a plan of its own.
     */
    private QueryResult run(SQLSelect select, StatementContext ctx, boolean rowIds) {
        LiteralParameterizer.Result<SQLSelect> p = LiteralParameterizer.select(select, ctx.parameters(),
                LiteralParameterizer.ofTables(select, ctx.catalog(), ctx.currentDatabase()));
        if (p == null) {
            return compile(select, ctx, rowIds).execute(ctx, null);
        }
        StatementContext pctx = new ParameterizedContext(ctx, p.parameters());
        return compile(p.node(), pctx, rowIds).execute(pctx, null);
    }

    @Override
    public List<ColumnMeta> describe(SQLSelect select, StatementContext ctx) {
        return compile(select, ctx, false).columns();
    }

    @Override
    public QueryResult explain(SQLSelect select, StatementContext ctx) {
        CompiledQuery q = compile(select, ctx, false);
        return QueryResult.of(ExplainWriter.COLUMNS, q.explainRows());
    }

    @Override
    public ScalarProgram compileScalars(List<SQLExpr> expressions, List<String> inputNames, List<ColumnType> inputTypes,
                                        StatementContext ctx) {
        requireNonNull(expressions, "expressions is null");
        if (inputNames.size() != inputTypes.size()) {
            throw new IllegalArgumentException("inputNames and inputTypes differ in size");
        }
        // UPDATE … SET c = c + 5: the literal becomes a parameter, so other amounts reuse the program
        LiteralParameterizer.Result<List<SQLExpr>> lifted = LiteralParameterizer.scalars(expressions, ctx.parameters(),
                LiteralParameterizer.ofInputs(inputNames, inputTypes));
        if (lifted != null) {
            Object[] values = lifted.parameters();
            ScalarProgram program = compileScalars(lifted.node(), inputNames, inputTypes, new ParameterizedContext(ctx, values));
            return (input, c) -> program.evaluate(input, new ParameterizedContext(c, values));
        }
        StringBuilder text = new StringBuilder();
        for (SQLExpr e : expressions) {
            text.append(statementText.of(e)).append('\u0001');
        }
        // the input columns (names and types) are part of the key as lists: rendering every column
        // type to text on each call cost more than the lookup
        PlanKey key = new PlanKey(text.toString(), ctx.currentDatabase(), ctx.catalog().version(), FLAVOUR_SCALARS,
                paramTags(ctx), List.of(List.copyOf(inputNames), List.copyOf(inputTypes)));
        CompiledQuery cached = scalars.getIfPresent(key);
        CompiledQuery q;
        if (cached != null && cached.assumptionsHold(ctx)) {
            q = cached;
        } else {
            try {
                q = buildScalars(expressions, inputNames, inputTypes, ctx);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                throw ErrorMapper.map(e);
            }
            scalars.put(key, q);
        }
        int n = expressions.size();
        return (input, c) -> {
            try (QueryResult r = q.execute(c, input)) {
                var it = r.rows();
                if (!it.hasNext()) {
                    return new Object[n];
                }
                return it.next();
            }
        };
    }

    // ------------------------------------------------------------------ compilation

    private CompiledQuery compile(SQLSelect select, StatementContext ctx, boolean rowIds) {
        PlanKey key = new PlanKey(statementText.of(select), ctx.currentDatabase(), ctx.catalog().version(),
                rowIds ? FLAVOUR_ROW_IDS : FLAVOUR_QUERY, paramTags(ctx), "");
        CompiledQuery cached = plans.getIfPresent(key);
        if (cached != null && cached.assumptionsHold(ctx)) {
            return cached;
        }
        CompiledQuery q;
        try {
            q = build(select, ctx, rowIds);
        } catch (StrataException e) {
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw ErrorMapper.map(e);
        }
        plans.put(key, q);
        return q;
    }

    /** Compiled plans currently cached (for tests and monitoring). */
    public long cachedPlans() {
        plans.cleanUp();
        return plans.estimatedSize();
    }

    /** The cached compiled form of a statement, or null (tests use it to check reuse). */
    Object cachedPlan(SQLSelect select, StatementContext ctx) {
        return plans.getIfPresent(new PlanKey(statementText.of(select), ctx.currentDatabase(),
                ctx.catalog().version(), FLAVOUR_QUERY, paramTags(ctx), ""));
    }

    private static String paramTags(StatementContext ctx) {
        Object[] params = ctx.parameters();
        if (params == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object p : params) {
            sb.append(p == null ? 'S' : InternalValues.tagOfValue(p));
            if (p instanceof java.math.BigDecimal || p instanceof java.time.LocalDateTime || p instanceof java.time.LocalTime) {
                sb.append(InternalValues.scaleOfValue(p));
            }
        }
        return sb.toString();
    }

    /** Everything one compilation needs: a fresh schema view, type factory, validator and cluster. */
    private final class Session {
        final StrataTypeFactory typeFactory = new StrataTypeFactory();
        final SchemaPlus root;
        final CalciteCatalogReader reader;
        final SqlValidator validator;
        final RelOptCluster cluster;
        final VolcanoPlanner planner;

        Session(StatementContext ctx, boolean rowIds, InputTable input) {
            CatalogSnapshot catalog = ctx.catalog();
            Map<String, AbstractSchema> dbs = schemas.get(new SchemaKey(catalog.version(), rowIds, catalog),
                    k -> buildSchemas(catalog, rowIds));
            root = CalciteSchema.createRootSchema(false, false).plus();
            for (Map.Entry<String, AbstractSchema> e : dbs.entrySet()) {
                root.add(e.getKey(), e.getValue());
            }
            if (input != null) {
                root.add(InputTable.NAME, input);
            }
            Properties props = new Properties();
            props.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
            props.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
            props.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
            props.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), SqlConformanceEnum.MYSQL_5.name());
            CalciteConnectionConfig cc = new CalciteConnectionConfigImpl(props);
            List<String> path = ctx.currentDatabase() == null ? List.of() : List.of(ctx.currentDatabase());
            reader = new CalciteCatalogReader(CalciteSchema.from(root), path, typeFactory, cc);
            SqlValidator.Config vc = SqlValidator.Config.DEFAULT
                    .withConformance(SqlConformanceEnum.MYSQL_5)
                    .withDefaultNullCollation(NullCollation.LOW)
                    .withIdentifierExpansion(true)
                    .withTypeCoercionFactory((tf, v) -> new MysqlTypeCoercion(tf, v, ops));
            validator = SqlValidatorUtil.newValidator(operatorTable, reader, typeFactory, vc);
            planner = new VolcanoPlanner();
            planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
            planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
            cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
            StrataMetadata.install(cluster);
        }
    }

    private Map<String, AbstractSchema> buildSchemas(CatalogSnapshot catalog, boolean rowIds) {
        Map<String, AbstractSchema> out = new HashMap<>();
        for (String db : catalog.databases()) {
            Map<String, org.apache.calcite.schema.Table> tables = new HashMap<>();
            for (TableDef t : catalog.tables(db)) {
                tables.put(t.name(), new StrataTable(t, rowIds, currentStatistics));
            }
            Map<String, org.apache.calcite.schema.Table> frozen = Map.copyOf(tables);
            out.put(db, new AbstractSchema() {
                @Override
                protected Map<String, org.apache.calcite.schema.Table> getTableMap() {
                    return frozen;
                }
            });
        }
        return Map.copyOf(out);
    }

    private CompiledQuery build(SQLSelect select, StatementContext ctx, boolean rowIds) {
        Session s = new Session(ctx, rowIds, null);
        DruidTranslator tr = new DruidTranslator(ops, ctx.catalog(), ctx.currentDatabase(), ctx, null);
        SqlNode node = tr.select(select);
        SqlNode validated = s.validator.validate(node);
        RelDataType rowType = s.validator.getValidatedNodeType(validated);
        List<String> labels = labelsOf(validated, rowType);
        List<List<String>> origins = s.validator.getFieldOrigins(validated);
        Map<String, String> aliases = topLevelAliases(select, ctx);
        List<ColumnMeta> metas = new ArrayList<>();
        char[] tags = new char[rowType.getFieldCount()];
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            RelDataType t = rowType.getFieldList().get(i).getType();
            tags[i] = InternalValues.tag(t);
            metas.add(ResultColumns.of(labels.get(i), t, i < origins.size() ? origins.get(i) : null, ctx.catalog(), aliases));
        }
        return compiled(s, optimize(s, validated), metas, tags, tr);
    }

    /** Compiles the physical plan (its temporal constants folded; EXPLAIN shows them as written). */
    private CompiledQuery compiled(Session s, RelNode best, List<ColumnMeta> metas, char[] tags, DruidTranslator tr) {
        RelNode executable = new TemporalRexRewriter(s.cluster.getRexBuilder(), ops, true).rewrite(best);
        Map<String, Object> stashed = new HashMap<>();
        @SuppressWarnings("unchecked")
        Bindable<Object> bindable = (Bindable<Object>) EnumerableInterpretable.toBindable(stashed, null,
                (EnumerableRel) executable, EnumerableRel.Prefer.ARRAY);
        return new CompiledQuery(bindable, stashed, metas, tags, tr.paramTags(), tr.assumptions(), ExplainWriter.explain(best), s.root, s.typeFactory);
    }

    private CompiledQuery buildScalars(List<SQLExpr> expressions, List<String> inputNames, List<ColumnType> inputTypes,
                                       StatementContext ctx) {
        // with no input columns the expressions are a SELECT without FROM (a table needs a column)
        boolean hasInput = !inputNames.isEmpty();
        Session s = new Session(ctx, false, hasInput ? new InputTable(inputNames, inputTypes) : null);
        DruidTranslator tr = new DruidTranslator(ops, ctx.catalog(), ctx.currentDatabase(), ctx,
                hasInput ? InputTable.NAME : null);
        MySqlSelectQueryBlock block = new MySqlSelectQueryBlock();
        for (SQLExpr e : expressions) {
            block.addSelectItem(new SQLSelectItem(e.clone()));
        }
        SQLSelect select = new SQLSelect(block);
        SqlNode node = tr.select(select);
        SqlNode validated = s.validator.validate(node);
        RelDataType rowType = s.validator.getValidatedNodeType(validated);
        char[] tags = new char[rowType.getFieldCount()];
        List<ColumnMeta> metas = new ArrayList<>();
        for (int i = 0; i < tags.length; i++) {
            RelDataType t = rowType.getFieldList().get(i).getType();
            tags[i] = InternalValues.tag(t);
            metas.add(ResultColumns.expression(rowType.getFieldList().get(i).getName(), t));
        }
        return compiled(s, optimize(s, validated), metas, tags, tr);
    }

    private RelNode optimize(Session s, SqlNode validated) {
        SqlToRelConverter.Config cfg = SqlToRelConverter.config()
                .withTrimUnusedFields(false)
                .withExpand(false)
                .withInSubQueryThreshold(Integer.MAX_VALUE)
                // no constant folding before CollationRewriter: 'a' = 'A' depends on the collation
                .withRelBuilderConfigTransform(c -> c.withSimplify(false));
        SqlToRelConverter conv = new SqlToRelConverter(null, s.validator, s.reader, s.cluster, StandardConvertletTable.INSTANCE, cfg);
        RelRoot root = conv.convertQuery(validated, false, true);
        // optimize the full rel (it may carry ORDER BY columns that are not selected) and
        // project to the selected fields at the end
        RelNode rel = root.rel;

        // 1. sub-queries to joins/correlates, then decorrelate
        rel = hep(rel, List.of(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE, CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                CoreRules.JOIN_SUB_QUERY_TO_CORRELATE));
        RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(s.cluster, s.reader);
        rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
        TemporalRexRewriter temporals = new TemporalRexRewriter(s.cluster.getRexBuilder(), ops, false);
        rel = temporals.rewrite(rel);
        // text comparisons, grouping and ordering under their collations (sort keys)
        CollationRewriter.Rewritten collated = new CollationRewriter(s.cluster.getRexBuilder(), ops)
                .rewrite(rel, root.collation);
        rel = collated.rel();

        // 2. heuristic: conjuncts common to every branch of an OR factored out (join conditions
        // written inside each branch become visible), filters down to the scans, then into them
        rel = hep(rel, List.of(OrFactorRule.FILTER, OrFactorRule.JOIN));
        // (constants also cross equi-joins: "w_id = ? AND c_w_id = w_id" gives the customer scan
        // "c_w_id = ?", completing its key)
        rel = hep(rel, List.of(CoreRules.FILTER_INTO_JOIN, CoreRules.JOIN_CONDITION_PUSH, CoreRules.FILTER_MERGE,
                CoreRules.FILTER_PROJECT_TRANSPOSE, CoreRules.JOIN_PUSH_TRANSITIVE_PREDICATES, new PushDownRule()));
        rel = orderJoins(rel);
        boolean sortedBefore = isSortWithKeys(rel);
        rel = hep(rel, List.of(new SortByHandleRule()));
        // the top ORDER BY was satisfied by a scan in handle order: the root needs no collation
        // and when it sorts by collation sort keys, the Sort in the plan is the order (the root's
        // field order would be binary)
        RelCollation required = (sortedBefore && !isSortWithKeys(rel)) || collated.rootOrderNeedsKeys()
                ? RelCollations.EMPTY : root.collation;

        // 3. cost-based: physical Enumerable plan
        VolcanoPlanner planner = s.planner;
        for (RelOptRule r : EnumerableRules.ENUMERABLE_RULES) {
            planner.addRule(r);
        }
        planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
        planner.addRule(LookupJoinRule.PLAIN);
        planner.addRule(LookupJoinRule.FILTERED);
        planner.addRule(LookupJoinCommuteRule.PLAIN);
        planner.addRule(LookupJoinCommuteRule.FILTERED);
        planner.addRule(EnumerableRules.ENUMERABLE_SORT_RULE);
        planner.addRule(EnumerableRules.ENUMERABLE_LIMIT_RULE);
        planner.addRule(CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES);
        planner.addRule(CoreRules.PROJECT_REMOVE);
        planner.addRule(CoreRules.PROJECT_MERGE);
        planner.addRule(CoreRules.FILTER_MERGE);
        planner.addRule(CoreRules.UNION_TO_DISTINCT);
        planner.addRule(CoreRules.SORT_REMOVE);
        // Volcano registers a Sort as an enforcer of its input's set: the root must ask for the order
        RelTraitSet desired = s.cluster.traitSetOf(EnumerableConvention.INSTANCE).replace(required);
        planner.setRoot(planner.changeTraits(rel, desired));
        RelNode best = planner.findBestExp();
        if (!root.isRefTrivial()) {
            RexBuilder rb = s.cluster.getRexBuilder();
            List<RexNode> exprs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (var f : root.fields) {
                exprs.add(rb.makeInputRef(best, f.getKey()));
                names.add(f.getValue());
            }
            best = EnumerableProject.create(best, exprs, RexUtil.createStructType(s.typeFactory, exprs, names, null));
        }
        // 4. EnumerableProject/Filter are not directly implementable: merge them into EnumerableCalcs;
        // temporal CASTs and literals the planner made on the way are Strata's conversions too; scans
        // decode only what their Calc reads
        return pruneScanColumns(temporals.rewrite(hep(best, Programs.CALC_RULES)));
    }

    /**
     * Scans whose only consumer is a Calc decode just the columns the Calc reads (TPC-H's
     * lineitem scans read 4–7 of 16 columns; the long l_comment is never decoded).
     */
    static RelNode pruneScanColumns(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>();
        boolean changed = false;
        for (RelNode in : rel.getInputs()) {
            RelNode pruned = pruneScanColumns(in);
            if (rel instanceof org.apache.calcite.adapter.enumerable.EnumerableCalc calc
                    && pruned instanceof StrataTableScan scan) {
                org.apache.calcite.rex.RexProgram p = calc.getProgram();
                List<RexNode> read = new ArrayList<>();
                for (var ref : p.getProjectList()) {
                    read.add(p.expandLocalRef(ref));
                }
                if (p.getCondition() != null) {
                    read.add(p.expandLocalRef(p.getCondition()));
                }
                pruned = scan.withUsedColumns(org.apache.calcite.plan.RelOptUtil.InputFinder.bits(read, null));
            }
            changed |= pruned != in;
            inputs.add(pruned);
        }
        return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    }

    /**
     * Heuristic join order for trees of three or more joined inputs. Comma joins arrive in the
     * order of the FROM list (with the WHERE's equi-conditions already pushed into them by
     * FILTER_INTO_JOIN), so a FROM list that names two unrelated tables next to each other is a
     * cross product. The joins (and the projects and filters between them) are flattened into a
     * {@code MultiJoin}, then {@code LoptOptimizeJoinRule} builds a left-deep order that joins
     * connected inputs first and starts from the input with the fewest estimated rows (scans
     * estimate from their pushed-down access path). Volcano then only chooses join algorithms
     * (hash or index lookup) for that order, which also keeps its planning time bounded.
     */
    private static RelNode orderJoins(RelNode rel) {
        if (countJoins(rel) < 2) {
            return rel;
        }
        HepProgramBuilder flatten = new HepProgramBuilder().addMatchOrder(HepMatchOrder.BOTTOM_UP);
        flatten.addRuleCollection(List.of(CoreRules.JOIN_TO_MULTI_JOIN, CoreRules.PROJECT_MULTI_JOIN_MERGE,
                CoreRules.FILTER_MULTI_JOIN_MERGE));
        HepPlanner first = new HepPlanner(flatten.build());
        first.setRoot(rel);
        RelNode flat = first.findBestExp();
        HepPlanner second = new HepPlanner(new HepProgramBuilder().addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE).build());
        second.setRoot(flat);
        return second.findBestExp();
    }

    private static int countJoins(RelNode rel) {
        int n = rel instanceof org.apache.calcite.rel.core.Join ? 1 : 0;
        for (RelNode in : rel.getInputs()) {
            n += countJoins(in);
        }
        return n;
    }

    private static boolean isSortWithKeys(RelNode rel) {
        return rel instanceof org.apache.calcite.rel.core.Sort sort && !sort.getCollation().getFieldCollations().isEmpty();
    }

    private static RelNode hep(RelNode rel, List<? extends RelOptRule> rules) {
        HepProgramBuilder b = new HepProgramBuilder();
        b.addRuleCollection(new ArrayList<RelOptRule>(rules));
        HepPlanner hep = new HepPlanner(b.build());
        hep.setRoot(rel);
        return hep.findBestExp();
    }

    /** Labels from the (star-expanded) select list of the first SELECT of the validated query. */
    private static List<String> labelsOf(SqlNode validated, RelDataType rowType) {
        SqlNode n = validated;
        while (!(n instanceof SqlSelect) && n instanceof SqlCall c && !c.getOperandList().isEmpty()) {
            n = n instanceof org.apache.calcite.sql.SqlWith w ? w.body : c.operand(0);
        }
        List<String> out = new ArrayList<>();
        if (n instanceof SqlSelect sel && sel.getSelectList().size() == rowType.getFieldCount()) {
            for (SqlNode item : sel.getSelectList()) {
                if (item instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
                    out.add(((SqlIdentifier) call.operand(1)).getSimple());
                } else if (item instanceof SqlIdentifier id) {
                    out.add(id.names.get(id.names.size() - 1));
                } else {
                    out.add(rowType.getFieldList().get(out.size()).getName());
                }
            }
            return out;
        }
        return rowType.getFieldNames();
    }

    /** "db.table" (lower case) → alias as written, for the FROM of the first top-level SELECT. */
    private static Map<String, String> topLevelAliases(SQLSelect select, StatementContext ctx) {
        Map<String, String> out = new HashMap<>();
        SQLSelectQuery q = select.getQuery();
        while (q instanceof SQLUnionQuery u) {
            q = u.getRelations().get(0);
        }
        if (q instanceof SQLSelectQueryBlock b && b.getFrom() != null) {
            collectAliases(b.getFrom(), ctx, out);
        }
        return out;
    }

    private static void collectAliases(SQLTableSource ts, StatementContext ctx, Map<String, String> out) {
        if (ts instanceof SQLJoinTableSource j) {
            collectAliases(j.getLeft(), ctx, out);
            collectAliases(j.getRight(), ctx, out);
        } else if (ts instanceof SQLExprTableSource t) {
            String db = t.getSchema() != null ? SQLUtils.normalize(t.getSchema()) : ctx.currentDatabase();
            String name = t.getTableName() == null ? null : SQLUtils.normalize(t.getTableName());
            if (db != null && name != null) {
                String alias = t.getAlias() != null ? SQLUtils.normalize(t.getAlias()) : name;
                out.putIfAbsent((db + "." + name).toLowerCase(Locale.ROOT), alias);
            }
        }
    }
}
