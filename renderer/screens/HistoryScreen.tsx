// Audit log: server-side-style paging (AuditLog.page/count), never the whole log in memory;
// the virtual table keeps a large page smooth. Filters, CSV export and the chain check.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App as AntApp, Button, DatePicker, Input, Progress, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { AuditEntry, ChainCheck } from '../../shared/audit/audit-entry';
import type { Verdict } from '../../shared/verify/result';
import { useKiosk } from '../app/kiosk-context';
import type { AuditFilter } from '../app/kiosk-contract';
import { formatLocalDateTime } from '../app/format';
import { downloadBlob } from '../components/download-text';

const VERDICT_COLOURS: Record<Verdict, string> = { valid: 'success', invalid: 'error', indeterminate: 'warning' };
const PAGE_SIZE = 100;

interface FilterForm {
  range: [Dayjs | null, Dayjs | null] | null;
  verdict: Verdict | null;
  permitNo: string;
}

const EMPTY_FORM: FilterForm = { range: null, verdict: null, permitNo: '' };

export function toAuditFilter(form: FilterForm): AuditFilter {
  const filter: { -readonly [K in keyof AuditFilter]: AuditFilter[K] } = {};
  // The officer picks calendar days on the kiosk's clock: [first day 00:00, day after last 00:00).
  if (form.range?.[0]) filter.from = form.range[0].startOf('day').toDate();
  if (form.range?.[1]) filter.to = form.range[1].add(1, 'day').startOf('day').toDate();
  if (form.verdict) filter.verdict = form.verdict;
  if (form.permitNo.trim()) filter.permitNo = form.permitNo.trim().toUpperCase();
  return filter;
}

export function HistoryScreen() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const { services, operator, refreshStatus, statusVersion } = useKiosk();
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState(1);
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const [total, setTotal] = useState(0);
  const [loaded, setLoaded] = useState<{ filter: AuditFilter; page: number } | null>(null);
  const loading = loaded?.filter !== filter || loaded.page !== page;
  const [chain, setChain] = useState<{ checked: number; total: number; result?: ChainCheck } | null>(null);

  // The count is one index scan: taken when the filter changes, not on every page turn.
  useEffect(() => {
    let live = true;
    services.audit.count(filter).then(
      (count) => live && setTotal(count),
      (e: unknown) => message.error(t('common.error', { message: String(e) })),
    );
    return () => {
      live = false;
    };
  }, [services, filter, statusVersion, message, t]);

  useEffect(() => {
    let live = true;
    services.audit
      .page(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE)
      .then((entries) => live && setRows(entries))
      .catch((e: unknown) => message.error(t('common.error', { message: String(e) })))
      .finally(() => live && setLoaded({ filter, page }));
    return () => {
      live = false;
    };
  }, [services, filter, page, statusVersion, message, t]);

  const search = () => {
    setFilter(toAuditFilter(form));
    setPage(1);
  };

  const exportCsv = useCallback(async () => {
    try {
      const csv = await services.audit.exportCsvBlob(filter, operator?.id ?? null);
      const stamp = formatLocalDateTime(new Date()).replace(/[-: ]/g, '').slice(0, 12);
      // A BOM so spreadsheet programs read the UTF-8 Chinese text correctly.
      downloadBlob(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }), `essc-audit-${stamp}.csv`);
      message.success(t('history.exported', { count: total }));
      refreshStatus();
    } catch (e) {
      message.error(t('common.error', { message: String(e) }));
    }
  }, [services, filter, operator, total, message, t, refreshStatus]);

  const checkChain = async () => {
    setChain({ checked: 0, total: 0 });
    const result = await services.audit.checkChain((checked, all) => setChain({ checked, total: all }));
    setChain((c) => ({ checked: c?.checked ?? 0, total: c?.total ?? 0, result }));
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('history.col.seq'), dataIndex: 'seq', width: 90 },
    { title: t('history.col.at'), dataIndex: 'at', width: 200, render: (at: string) => formatLocalDateTime(new Date(at)) },
    { title: t('history.col.event'), dataIndex: 'event', width: 150, render: (e: AuditEntry['event']) => t(`history.event.${e}`) },
    {
      title: t('history.col.verdict'),
      dataIndex: 'verdict',
      width: 130,
      render: (v: Verdict | null) => v && <Tag color={VERDICT_COLOURS[v]}>{t(`verdict.${v}`)}</Tag>,
    },
    { title: t('history.col.permitNo'), dataIndex: 'permitNo', width: 220 },
    {
      title: t('history.col.reasons'),
      dataIndex: 'reasons',
      render: (reasons: AuditEntry['reasons']) => reasons?.map((r) => t(`reason.${r}.text`)).join('；'),
    },
    { title: t('history.col.operator'), dataIndex: 'operator', width: 120 },
    { title: t('history.col.id'), dataIndex: 'id', width: 330, render: (id: string) => <code>{id}</code> },
  ];

  const chainResult = chain?.result;
  return (
    <div className="history-screen" data-testid="history-screen">
      <h2 className="page-title">{t('history.title')}</h2>
      <Space wrap className="history-filters">
        {/* Two pickers, not a RangePicker: its two inputs trap Tab, and officers work by keyboard. */}
        <DatePicker
          aria-label={t('history.dateFrom')}
          placeholder={t('history.dateFrom')}
          value={form.range?.[0] ?? null}
          onChange={(day) => setForm({ ...form, range: [day, form.range?.[1] ?? null] })}
        />
        <DatePicker
          aria-label={t('history.dateTo')}
          placeholder={t('history.dateTo')}
          value={form.range?.[1] ?? null}
          onChange={(day) => setForm({ ...form, range: [form.range?.[0] ?? null, day] })}
        />
        <Select<Verdict | 'all'>
          aria-label={t('history.verdict')}
          value={form.verdict ?? 'all'}
          onChange={(v) => setForm({ ...form, verdict: v === 'all' ? null : v })}
          style={{ width: 180 }}
          options={[
            { value: 'all', label: t('history.verdictAll') },
            ...(['valid', 'invalid', 'indeterminate'] as const).map((v) => ({ value: v, label: t(`verdict.${v}`) })),
          ]}
        />
        <Input
          placeholder={t('history.permitNo')}
          value={form.permitNo}
          onChange={(e) => setForm({ ...form, permitNo: e.target.value })}
          onPressEnter={search}
          style={{ width: 240 }}
          data-testid="history-permit"
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={search}>
          {t('history.search')}
        </Button>
        <Button onClick={() => (setForm(EMPTY_FORM), setFilter({}), setPage(1))}>{t('history.reset')}</Button>
        <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} data-testid="history-export">
          {t('history.exportCsv')}
        </Button>
        <Button icon={<SafetyCertificateOutlined />} onClick={() => void checkChain()} data-testid="history-check-chain">
          {t('history.checkChain')}
        </Button>
      </Space>
      {chain && (
        <div className="chain-check" data-testid="chain-check">
          {!chainResult && (
            <>
              <Progress percent={chain.total ? Math.floor((chain.checked / chain.total) * 100) : 0} />
              {t('history.chainChecking', { checked: chain.checked, total: chain.total })}
            </>
          )}
          {chainResult?.ok === true && <Tag color="success">{t('history.chainOk', { count: chainResult.checked })}</Tag>}
          {chainResult?.ok === false && (
            <Tag color="error">
              {t('history.chainBroken', { seq: chainResult.seq, problem: t(`history.problem.${chainResult.problem}`) })}
            </Tag>
          )}
        </div>
      )}
      <Table<AuditEntry>
        virtual
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 1400, y: 560 }}
        data-testid="history-table"
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total,
          showSizeChanger: false,
          showTotal: (n) => t('history.total', { count: n }),
          onChange: setPage,
        }}
      />
    </div>
  );
}
