// A representative's relation to the resident as the printed forms say it (照会書, 受領書).
import type { DeliveryRelation } from '../../preload/contract/rules/documents';

export const DELIVERY_RELATION_WORDS: Readonly<Record<DeliveryRelation, string>> = {
  child: '子',
  spouse: '配偶者',
  parent: '父母',
  sibling: '兄弟姉妹',
  grandchild: '孫',
  'other-relative': 'その他の親族',
  'care-staff': '施設職員',
  'legal-representative': '法定代理人',
  other: 'その他',
};
